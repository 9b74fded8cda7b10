/**
 * The spec keeps one source of truth for both languages: English in the standard fields and
 * Chinese in a sibling extension named after the field, such as `x-description-zh-CN` next to
 * `description`. This module names those pairs and walks the document to find them.
 */
import { isJsonObject, type JsonObject } from './visitor-types.ts';

export const CHINESE_SUFFIX = '-zh-CN';

/** English field to its Chinese sibling. Every field in this table needs both languages. */
export const BILINGUAL_FIELDS: ReadonlyMap<string, string> = new Map([
  ['description', 'x-description-zh-CN'],
  ['summary', 'x-summary-zh-CN'],
  ['title', 'x-title-zh-CN'],
  ['x-displayName', 'x-displayName-zh-CN'],
]);

/** Fields whose Chinese sibling is optional, such as a code sample tab label like "Python". */
export const OPTIONALLY_BILINGUAL_FIELDS: ReadonlyMap<string, string> = new Map([['label', 'x-label-zh-CN']]);

export const TRANSLATABLE_FIELDS: ReadonlyMap<string, string> = new Map([...BILINGUAL_FIELDS, ...OPTIONALLY_BILINGUAL_FIELDS]);

/** Returns the English field for a Chinese sibling key, or undefined for any other key. */
export function englishFieldOf(chineseKey: string): string | undefined {
  for (const [english, chinese] of TRANSLATABLE_FIELDS) {
    if (chinese === chineseKey) {
      return english;
    }
  }
  return undefined;
}

/** Returns true for any key that looks like a Chinese sibling, including misspelled ones such as `x-descripton-zh-CN`. */
export function isChineseKey(key: string): boolean {
  return key.startsWith('x-') && key.endsWith(CHINESE_SUFFIX);
}

/**
 * Members that contain payload data rather than spec text. An example payload may contain a member
 * named `description` that belongs to the API user, so the walk does not enter these.
 */
const DATA_MEMBERS = new Set(['value', 'example', 'default', 'const', 'enum']);

/**
 * Calls `visit` for every object of the document that can hold spec text, with the JSON path
 * from the root. Schema `examples` arrays are data and are skipped. The `examples` map of a
 * media type contains Example objects, whose `summary` and `description` are visited.
 */
export function walkTextNodes(root: JsonObject, visit: (node: JsonObject, path: Array<string | number>) => void): void {
  const walk = (value: unknown, path: Array<string | number>): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (!isJsonObject(value)) {
      return;
    }
    visit(value, path);
    for (const [key, child] of Object.entries(value)) {
      if (DATA_MEMBERS.has(key) || (key === 'examples' && Array.isArray(child))) {
        continue;
      }
      walk(child, [...path, key]);
    }
  };
  walk(root, []);
}
