/**
 * Redocly CLI plugin of this project: lint rules that keep the docs complete in both languages,
 * and decorators that build one page per language from the one bilingual spec. Redocly loads
 * this TypeScript file directly, so run the CLI on Node 22.18 or newer (the npm scripts do).
 */
import { EmbedCodeSamples } from './decorators/embed-code-samples.ts';
import { SelectLanguage } from './decorators/select-language.ts';
import { BilingualText } from './rules/bilingual-text.ts';
import { OperationCodeSamples } from './rules/operation-code-samples.ts';
import { OperationExamples } from './rules/operation-examples.ts';
import { SchemaPropertyDescriptions } from './rules/schema-property-descriptions.ts';

export default function orderReclaimPlugin() {
  return {
    id: 'order-reclaim',
    rules: {
      oas3: {
        'operation-examples': OperationExamples,
        'operation-code-samples': OperationCodeSamples,
        'schema-property-descriptions': SchemaPropertyDescriptions,
        'bilingual-text': BilingualText,
      },
    },
    decorators: {
      oas3: {
        'embed-code-samples': EmbedCodeSamples,
        'select-language': SelectLanguage,
      },
    },
  };
}
