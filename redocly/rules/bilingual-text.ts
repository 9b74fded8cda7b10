import { BILINGUAL_FIELDS, englishFieldOf, isChineseKey, walkTextNodes } from '../translatable-fields.ts';
import type { Visitor } from '../visitor-types.ts';

/**
 * Rule `order-reclaim/bilingual-text`: each `description`, `summary`, `title` and `x-displayName`
 * has its `x-*-zh-CN` sibling, and each `x-*-zh-CN` key has the English field it translates, so
 * neither docs page falls back to the other language or loses text. Payload data (`value`,
 * `example`, `default`, `const`, `enum`, schema `examples`) is not checked.
 */
export function BilingualText(): Visitor {
  return {
    Root: {
      enter(root, ctx) {
        walkTextNodes(root, (node, path) => {
          const location = ctx.location.child(path);
          for (const [english, chinese] of BILINGUAL_FIELDS) {
            if (typeof node[english] === 'string' && typeof node[chinese] !== 'string') {
              ctx.report({ message: `\`${english}\` has no Chinese text. Add \`${chinese}\` beside it.`, location: location.child(english).key() });
            }
          }
          for (const key of Object.keys(node).filter(isChineseKey)) {
            const english = englishFieldOf(key);
            if (english === undefined) {
              ctx.report({ message: `Unknown translation key \`${key}\`. Use one of ${[...BILINGUAL_FIELDS.values(), 'x-label-zh-CN'].join(', ')}.`, location: location.child(key).key() });
            } else if (typeof node[english] !== 'string') {
              ctx.report({ message: `\`${key}\` has no English text. Add \`${english}\` beside it.`, location: location.child(key).key() });
            }
          }
        });
      },
    },
  };
}
