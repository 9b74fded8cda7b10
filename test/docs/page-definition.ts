import { readFileSync } from 'node:fs';

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/**
 * Reads the API definition that `redocly build-docs` embeds in a page (after the decorators
 * ran), so a test can compare what the page shows with what the build put into it.
 */
export function readPageDefinition(htmlFile: string): Record<string, any> {
  const html = readFileSync(htmlFile, 'utf8');
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (match === null) {
    throw new Error(`${htmlFile} has no embedded definition (const __redoc_definition = ...); the Redocly page layout changed.`);
  }
  return JSON.parse(match[1] as string);
}

/** Returns the code samples of the reclaim operation from a page's embedded definition. */
export function readCodeSamples(htmlFile: string): CodeSample[] {
  const definition = readPageDefinition(htmlFile);
  return definition.paths['/api/v1/frontend/order/reclaim'].post['x-codeSamples'];
}
