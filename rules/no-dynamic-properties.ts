import { createRule } from '../src/create-rule.js';
import { isNumericExpression } from '../src/ast.js';
import { declarePropertyFix, isTypeScriptFile } from '../src/rule-helpers.js';
import { shapeModelOf } from '../src/rule-context.js';
import type { LateWrite } from '../src/shape-model.js';

const WHERE: Record<LateWrite['site'], string> = {
  method: 'in a method',
  getter: 'in a getter',
  setter: 'in a setter',
  callback: 'in a callback',
  instance: 'from outside the class',
};

export default createRule({
  name: 'no-dynamic-properties',
  meta: {
    type: 'problem',
    docs: {
      description: 'disallow adding properties to class instances after construction',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      added: "'{{property}}' is added to {{className}} {{where}}, after construction; declare it or set it in the constructor.",
      declareField: "Declare '{{property}}' in {{className}}, initialized to {{initializer}}.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        const model = shapeModelOf(context);
        const typescript = isTypeScriptFile(context.filename);
        for (const shape of model.classes) {
          // An unknown base class may declare these properties itself.
          if (!shape.ancestorsKnown) continue;
          const byName = new Map<string, LateWrite[]>();
          for (const write of shape.lateAdditions) byName.set(write.name, [...(byName.get(write.name) ?? []), write]);
          for (const [property, writes] of byName) {
            // A number field must not start as undefined: that boxes every later write.
            const initializer = writes.every((write) => write.value !== null && isNumericExpression(write.value)) ? '0' : 'undefined';
            const fix = declarePropertyFix(shape, property, initializer, context.sourceCode, typescript);
            for (const write of writes) {
              const data = { property, className: shape.name, where: write.methodName && write.site === 'method' ? `in ${write.methodName}()` : WHERE[write.site], initializer };
              context.report({
                node: write.node,
                messageId: 'added',
                data,
                suggest: fix ? [{ messageId: 'declareField', data, fix }] : [],
              });
            }
          }
        }
      },
    };
  },
});
