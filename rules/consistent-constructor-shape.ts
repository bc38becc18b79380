import { createRule } from '../src/create-rule.js';
import { shapeModelOf } from '../src/rule-context.js';
import type { ConstructorIssueReason } from '../src/shape-model.js';

const MESSAGE_OF: Record<ConstructorIssueReason, 'branch' | 'order' | 'earlyReturn' | 'loop' | 'dynamicKey' | 'assignUnknown' | 'defineAccessor'> = {
  branch: 'branch',
  order: 'order',
  'early-return': 'earlyReturn',
  loop: 'loop',
  'dynamic-key': 'dynamicKey',
  'assign-unknown': 'assignUnknown',
  'define-accessor': 'defineAccessor',
};

/** Issues that depend only on this class's own code, so they hold even when the base class is unknown. */
const SELF_CONTAINED = new Set<ConstructorIssueReason>(['dynamic-key', 'assign-unknown', 'define-accessor']);

export default createRule({
  name: 'consistent-constructor-shape',
  meta: {
    type: 'problem',
    docs: {
      description: 'require every constructor path to give instances the same properties in the same order',
      recommended: true,
    },
    schema: [],
    messages: {
      branch: "'{{property}}' of {{className}} is set on only some constructor paths; instances without it get a second hidden class.",
      order: "{{className}}'s constructor sets '{{property}}' in a different order on different paths; each order is its own hidden class.",
      earlyReturn: "The return on line {{line}} skips '{{property}}' of {{className}}; those instances get a second hidden class.",
      loop: "'{{property}}' of {{className}} is set in a loop that may not run; set it before the loop so every instance has it.",
      dynamicKey: "{{className}}'s constructor adds computed keys; each set of keys makes another hidden class. Use a Map or fixed fields.",
      assignUnknown: "Object.assign(this, …) in {{className}}'s constructor adds unknown keys, so shapes follow the argument; assign known fields.",
      defineAccessor: "Per-instance accessor '{{property}}' puts every {{className}} instance after the first in dictionary mode; define it on the prototype.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        for (const shape of shapeModelOf(context).classes) {
          for (const issue of shape.issues) {
            if (!shape.ancestorsKnown && !SELF_CONTAINED.has(issue.reason)) continue;
            context.report({
              node: issue.node,
              messageId: MESSAGE_OF[issue.reason],
              data: { property: issue.name ?? '', className: shape.name, line: issue.returnNode?.loc.start.line ?? '' },
            });
          }
        }
      },
    };
  },
});
