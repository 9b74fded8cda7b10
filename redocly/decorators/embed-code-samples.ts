import { readSampleFile, resolveSamplePath, SOURCE_PATH_KEY } from '../code-sample-file.ts';
import { isJsonObject, type Visitor } from '../visitor-types.ts';

/**
 * Decorator `order-reclaim/embed-code-samples`: replaces `x-source-path` on each `x-codeSamples`
 * entry with the file's text in `source`. A missing or empty file stops the bundle or docs build,
 * because a page without its sample would still look complete.
 */
export function EmbedCodeSamples(): Visitor {
  return {
    Operation: {
      leave(operation, ctx) {
        const samples = operation['x-codeSamples'];
        if (!Array.isArray(samples)) {
          return;
        }
        for (const sample of samples) {
          if (!isJsonObject(sample) || typeof sample[SOURCE_PATH_KEY] !== 'string') {
            continue;
          }
          const path = resolveSamplePath(ctx.location.source.absoluteRef, sample[SOURCE_PATH_KEY]);
          const result = readSampleFile(path);
          if ('error' in result) {
            throw new Error(result.error);
          }
          sample.source = result.source;
          delete sample[SOURCE_PATH_KEY];
        }
      },
    },
  };
}
