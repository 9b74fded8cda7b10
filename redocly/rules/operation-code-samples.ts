import { readSampleFile, resolveSamplePath, SOURCE_PATH_KEY } from '../code-sample-file.ts';
import { isJsonObject, type Visitor } from '../visitor-types.ts';
import { operationName } from './operation-examples.ts';

/**
 * Rule `order-reclaim/operation-code-samples`: every operation has an `x-codeSamples` entry for
 * each language in the option `languages` (matched against `lang`), and each entry has code:
 * either `source` or an `x-source-path` that names a readable, non-empty file.
 */
export function OperationCodeSamples(options: { languages?: unknown }): Visitor {
  const languages = options.languages;
  if (!Array.isArray(languages) || languages.length === 0 || !languages.every((language) => typeof language === 'string')) {
    throw new Error(`Invalid option \`languages\` of order-reclaim/operation-code-samples: expected a non-empty list of \`lang\` values, received ${JSON.stringify(languages)}.`);
  }
  return {
    Operation: {
      enter(operation, ctx) {
        const name = operationName(operation, ctx);
        const samples = Array.isArray(operation['x-codeSamples']) ? operation['x-codeSamples'] : [];
        const present = new Set(samples.filter(isJsonObject).map((sample) => sample.lang));
        const missing = (languages as string[]).filter((language) => !present.has(language));
        if (missing.length > 0) {
          ctx.report({
            message: `${name} has no code sample for ${missing.join(', ')}. Add an \`x-codeSamples\` entry with that \`lang\` for each.`,
            location: ctx.location.child(samples.length > 0 ? 'x-codeSamples' : 'operationId').key(),
          });
        }

        samples.forEach((sample, index) => {
          if (!isJsonObject(sample)) {
            return;
          }
          const location = ctx.location.child(['x-codeSamples', index]);
          const label = `${name}: code sample ${JSON.stringify(sample.lang ?? index)}`;
          if (typeof sample[SOURCE_PATH_KEY] === 'string') {
            const result = readSampleFile(resolveSamplePath(ctx.location.source.absoluteRef, sample[SOURCE_PATH_KEY]));
            if ('error' in result) {
              ctx.report({ message: `${label}: ${result.error}`, location: location.child(SOURCE_PATH_KEY) });
            }
          } else if (typeof sample.source !== 'string' || sample.source.trim() === '') {
            ctx.report({ message: `${label} has no code. Set \`${SOURCE_PATH_KEY}\` to the sample file, relative to the spec.`, location });
          }
        });
      },
    },
  };
}
