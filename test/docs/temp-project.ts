import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const require = createRequire(import.meta.url);
export const REDOCLY_CLI = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
export const OPENAPI_TS_CLI = join(dirname(require.resolve('@hey-api/openapi-ts/package.json')), 'bin/run.js');

/** The files a Redocly lint or docs build of the spec reads. */
export const SPEC_FILES = ['openapi', 'redocly.yaml', 'redocly', 'docs/samples'];

export interface TempProject {
  dir: string;
  read(path: string): string;
  /** Replaces the one occurrence of `search` in `path`; throws when it occurs zero or several times. */
  edit(path: string, search: string, replacement: string): void;
  remove(): void;
}

/**
 * Copies `paths` of this repository into a new temporary folder and links node_modules, so a
 * test can change the spec and run the project's tools on the copy.
 */
export function copyProject(paths: string[]): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'order-reclaim-docs-'));
  for (const path of paths) {
    cpSync(join(REPOSITORY_ROOT, path), join(dir, path), { recursive: true });
  }
  symlinkSync(join(REPOSITORY_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    edit(path, search, replacement) {
      const text = readFileSync(join(dir, path), 'utf8');
      const count = text.split(search).length - 1;
      if (count !== 1) {
        throw new Error(`Expected one occurrence of ${JSON.stringify(search)} in ${path}, found ${count}; the test's edit no longer fits the spec.`);
      }
      writeFileSync(join(dir, path), text.replace(search, () => replacement));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `node script args...` in `cwd` with Redocly's telemetry and update check off; never rejects. */
export function runNode(script: string, args: string[], cwd: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      {
        cwd,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        resolve({ exitCode: error === null ? 0 : typeof code === 'number' ? code : 1, stdout, stderr: error !== null && typeof code !== 'number' ? `${stderr}${error.message}` : stderr });
      },
    );
  });
}
