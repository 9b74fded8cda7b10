import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A program a sample needs, and the Debian package that provides it. */
export interface Tool {
  command: string;
  debianPackage: string;
}

/**
 * Throws when `tool` is not an executable on PATH. A missing toolchain fails the sample's tests
 * instead of skipping them, so CI cannot pass without running every language.
 */
export function requireTool(tool: Tool, sampleName: string): void {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(join(dir, tool.command)));
  if (!found) {
    throw new Error(`The ${sampleName} sample needs \`${tool.command}\`, which is not on PATH. Install the Debian package ${tool.debianPackage}.`);
  }
}

/** Throws when python3 cannot import `requests`, which the Python sample uses for HTTP. */
export function requirePythonRequests(): void {
  const result = spawnSync('python3', ['-c', 'import requests'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) {
    throw new Error(`The Python sample needs the requests module, but \`python3 -c "import requests"\` failed: ${result.stderr.trim() || result.error?.message}. Install the Debian package python3-requests.`);
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
