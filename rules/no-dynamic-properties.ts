import { createRule } from '../src/create-rule.js';
import { isNumericExpression } from '../src/ast.js';
import { declarePropertyFix, isTypeScriptFile } from '../src/rule-helpers.js';
import { shapeModelOf } from '../src/rule-context.js';
import type { ClassShape, LateWrite } from '../src/shape-model.js';

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
    const typescript = isTypeScriptFile(context.filename);
    const report = (shape: ClassShape, writes: readonly LateWrite[]): void => {
      // An unknown base class may declare these properties itself.
      if (!shape.ancestorsKnown) return;
      const byName = new Map<string, LateWrite[]>();
      for (const write of writes) byName.set(write.name, [...(byName.get(write.name) ?? []), write]);
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
    };
    // Only a variable given a `new` after its declaration needs the flow analysis (a whole-file pass).
    let reassignedInstance = false;
    return {
      Program() {
        for (const shape of shapeModelOf(context).classes) report(shape, shape.lateAdditions);
      },
      "AssignmentExpression[left.type='Identifier'][right.type='NewExpression']"() {
        reassignedInstance = true;
      },
      'Program:exit'() {
        if (!reassignedInstance) return;
        const model = shapeModelOf(context);
        for (const shape of model.classes) report(shape, model.flowLateAdditions().filter((write) => write.shape === shape));
      },
    };
  },
});
