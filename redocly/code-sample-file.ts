import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The extension on an `x-codeSamples` entry that names the sample's file, relative to the spec
 * file. The docs build reads the file into `source`, so the spec never contains pasted code and the
 * file that `npm run test:samples` runs is the one the page shows.
 */
export const SOURCE_PATH_KEY = 'x-source-path';

/** Returns the absolute path of a sample file named relative to the spec file `specPath`. */
export function resolveSamplePath(specPath: string, relativePath: string): string {
  return resolve(dirname(specPath), relativePath);
}

/** Reads a sample file, or returns an error message that names the path and the fix. */
export function readSampleFile(path: string): { source: string } | { error: string } {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return { error: `Cannot read code sample ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Fix \`${SOURCE_PATH_KEY}\` or add the file.` };
  }
  if (source.trim() === '') {
    return { error: `Code sample ${path} is empty.` };
  }
  return { source };
}
