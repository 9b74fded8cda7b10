import { BILINGUAL_FIELDS } from '../translatable-fields.ts';
import { isJsonObject, type Visitor } from '../visitor-types.ts';
import { resolveObject } from './operation-examples.ts';

const CHINESE_DESCRIPTION = BILINGUAL_FIELDS.get('description') as string;

/**
 * Rule `order-reclaim/schema-property-descriptions`: every property of every schema has a
 * `description` and an `x-description-zh-CN`, either itself or on the schema its `$ref` names.
 */
export function SchemaPropertyDescriptions(): Visitor {
  return {
    Schema: {
      enter(schema, ctx) {
        if (!isJsonObject(schema.properties)) {
          return;
        }
        for (const [name, property] of Object.entries(schema.properties)) {
          const location = ctx.location.child(['properties', name]);
          const resolved = resolveObject(property, ctx, location);
          const hasOwn = (field: string): boolean =>
            (isJsonObject(property) && typeof property[field] === 'string') || typeof resolved?.node[field] === 'string';
          const missing = ['description', CHINESE_DESCRIPTION].filter((field) => !hasOwn(field));
          if (missing.length > 0) {
            ctx.report({
              message: `Schema property \`${name}\` has no ${missing.map((field) => `\`${field}\``).join(' and ')}. Describe every property in English and Chinese.`,
              location: location.key(),
            });
          }
        }
      },
    },
  };
}
