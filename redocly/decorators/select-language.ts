import { englishFieldOf, isChineseKey, walkTextNodes } from '../translatable-fields.ts';
import type { JsonObject, Visitor } from '../visitor-types.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Decorator `order-reclaim/select-language`: turns the bilingual spec into a one-language
 * document for one docs page. For `zh-CN` every field that has a Chinese sibling takes the
 * Chinese text. For both languages the `x-*-zh-CN` siblings are removed afterwards.
 */
export function SelectLanguage(options: { language?: unknown }): Visitor {
  const language = options.language;
  if (!LANGUAGES.includes(language as Language)) {
    throw new Error(
      `Invalid option \`language\` of order-reclaim/select-language: expected one of ${LANGUAGES.join(', ')}, received ${JSON.stringify(language)}.`,
    );
  }
  return {
    Root: {
      leave(root) {
        walkTextNodes(root, (node) => selectLanguage(node, language as Language));
      },
    },
  };
}

function selectLanguage(node: JsonObject, language: Language): void {
  for (const key of Object.keys(node)) {
    if (!isChineseKey(key)) {
      continue;
    }
    const englishField = englishFieldOf(key);
    if (language === 'zh-CN' && englishField !== undefined) {
      node[englishField] = node[key];
    }
    delete node[key];
  }
}
