import { createRule } from '../src/create-rule.js';
import { descendants, dictionaryCandidates, dictionaryFields, fieldNode, isDynamicKey, mapRewrite, variableResolver } from '../src/dictionary-map.js';
import { describeHotReason, type HotPaths } from '../src/hot-paths.js';
import { hotPathsOf, shapeModelOf } from '../src/rule-context.js';
import type { ClassShape, PropertyAccess } from '../src/shape-model.js';

type Options = [{ scope?: 'hot' | 'all' }];

export default createRule<Options, 'dictionaryField' | 'dictionaryInstance' | 'useMap'>({
  name: 'no-instance-dictionary',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'disallow instance fields and instances used as dictionaries with computed keys; use a `Map`',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          scope: { type: 'string', enum: ['hot', 'all'], description: 'Check only hot classes, or every class.' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ scope: 'hot' }],
    messages: {
      dictionaryField: '{{className}}.{{property}} is a dictionary (computed keys{{why}}); use a Map, which stays fast as keys grow.',
      dictionaryInstance: '{{className}} instances get computed keys ([{{key}}]) after construction{{why}}, which makes them slow; keep the entries in a Map.',
      useMap: 'Make {{className}}.{{property}} a Map and rewrite its uses.',
    },
  },
  defaultOptions: [{ scope: 'hot' }],
  create(context, [options]) {
    // Read the shape report here: a broken one is one configuration error, not a failure per file.
    const hot = (options.scope ?? 'hot') === 'hot' ? hotPathsOf(context) : null;
    const sourceCode = context.sourceCode;
    const variableOf = variableResolver(sourceCode.scopeManager!);
    return {
      Program() {
        const model = shapeModelOf(context);
        for (const shape of model.classes) {
          const candidates = dictionaryCandidates(shape);
          // Hotness first: finding a field's uses takes every instance access in the file.
          const why = candidates.size > 0 ? hotness(hot, [shape, ...descendants(shape)]) : undefined;
          const fields = why === undefined ? new Map<string, PropertyAccess[]>() : dictionaryFields(shape, model, variableOf, candidates);
          for (const [property, uses] of fields) {
            const data = { className: shape.name, property, why: why && `; ${why}` };
            const rewrite = mapRewrite(shape, property, uses, model, { text: sourceCode.text, ast: sourceCode.ast, comments: sourceCode.ast.comments.map((comment) => comment.range), visitorKeys: sourceCode.visitorKeys });
            // An exported class's public field is API: code this file cannot see may use it as an object.
            const edits = rewrite && (rewrite.private || !shape.exported) ? rewrite.edits : null;
            context.report({
              node: fieldNode(shape, property),
              messageId: 'dictionaryField',
              data,
              suggest: edits ? [{ messageId: 'useMap', data, fix: (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)) }] : [],
            });
          }
          // Computed writes in the constructor belong to consistent-constructor-shape.
          const writes = shape.computedWrites.filter((write) => !write.inConstructor && isDynamicKey(write.node, variableOf));
          const instanceWhy = writes.length > 0 ? hotness(hot, [shape]) : undefined;
          if (instanceWhy === undefined) continue;
          for (const write of writes) {
            context.report({
              node: write.node,
              messageId: 'dictionaryInstance',
              data: { className: shape.name, key: shortText(sourceCode.getText(write.node.property)), why: instanceWhy && ` (${instanceWhy})` },
            });
          }
        }
      },
    };
  },
});

/** '' for scope 'all', 'hot: …' when a class (or a subclass, whose instances carry the field) is hot; undefined otherwise. */
function hotness(hotPaths: (() => HotPaths) | null, shapes: ClassShape[]): string | undefined {
  if (!hotPaths) return '';
  const hot = hotPaths();
  for (const [index, shape] of shapes.entries()) {
    const reason = hot.reasons(shape)[0];
    if (reason) return `hot${index === 0 ? '' : ` subclass ${shape.name}`}: ${describeHotReason(reason)}`;
  }
  return undefined;
}

/** Source text that fits a one-line message. */
function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > 30 ? `${line.slice(0, 29)}…` : line;
}
