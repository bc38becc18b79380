import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { T } from '../src/ast.js';
import { createRule } from '../src/create-rule.js';
import { shapeModelOf } from '../src/rule-context.js';

export default createRule({
  name: 'no-delete-property',
  meta: {
    type: 'problem',
    docs: {
      description: 'disallow `delete` on class instances and record-like objects, which sends them to dictionary mode',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      deleteInstance: "'delete' of '{{property}}' turns this {{owner}} instance into a slow dictionary; assign undefined instead.",
      deleteRecord: "'delete' of '{{property}}' turns record '{{owner}}' into a slow dictionary; assign undefined instead.",
      useMap: "Computed 'delete' on '{{owner}}' uses an object as a dictionary; use a Map.",
      assignUndefined: "Assign undefined to '{{property}}' instead ('in' and Object.keys still see the key).",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        for (const site of shapeModelOf(context).deletes) {
          const data = { property: site.name ?? '', owner: site.ownerName };
          if (site.name === undefined || site.target === 'dictionary') {
            context.report({ node: site.node, messageId: 'useMap', data });
            continue;
          }
          // Only a statement-level delete can be swapped: elsewhere its boolean result is used.
          const parent = (site.node as TSESTree.Node).parent;
          const member = site.member;
          const suggest =
            parent?.type === T.ExpressionStatement
              ? [
                  {
                    messageId: 'assignUndefined' as const,
                    data,
                    fix: (fixer: TSESLint.RuleFixer) =>
                      fixer.replaceText(site.node, `${context.sourceCode.getText(member)} = undefined`),
                  },
                ]
              : [];
          context.report({ node: site.node, messageId: site.target === 'instance' ? 'deleteInstance' : 'deleteRecord', data, suggest });
        }
      },
    };
  },
});
