import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tool } from './require-tool.ts';

const SAMPLES_DIR = fileURLToPath(new URL('../../docs/samples/', import.meta.url));
const SDK_ALIAS = new URL('./sdk-alias.ts', import.meta.url).href;

/** One code sample of the docs, and how to run it. */
export interface Sample {
  /** The `lang` of its `x-codeSamples` entry. */
  language: string;
  /** Path relative to docs/samples/. */
  file: string;
  tools: Tool[];
  command(path: string): string[];
  env?: Record<string, string>;
  /** Per run, in milliseconds; Go compiles the sample before the first run. */
  timeoutMs: number;
}

const GO_WORK_DIR = join(tmpdir(), 'order-reclaim-samples-go');

export const SAMPLES: Sample[] = [
  {
    language: 'TypeScript',
    file: 'typescript/reclaim-order.ts',
    tools: [],
    command: (path) => [process.execPath, '--import', SDK_ALIAS, path],
    timeoutMs: 60_000,
  },
  {
    language: 'JavaScript',
    file: 'node/reclaim-order.mjs',
    tools: [],
    command: (path) => [process.execPath, path],
    timeoutMs: 60_000,
  },
  {
    language: 'Python',
    file: 'python/reclaim_order.py',
    tools: [{ command: 'python3', debianPackage: 'python3' }],
    command: (path) => ['python3', path],
    timeoutMs: 60_000,
  },
  {
    language: 'PHP',
    file: 'php/reclaim-order.php',
    tools: [{ command: 'php', debianPackage: 'php-cli' }],
    command: (path) => ['php', path],
    timeoutMs: 60_000,
  },
  {
    language: 'Java',
    file: 'java/ReclaimOrder.java',
    // Launching a source file compiles it in memory, which needs the JDK, not only a JRE.
    tools: [
      { command: 'java', debianPackage: 'openjdk-17-jdk-headless' },
      { command: 'javac', debianPackage: 'openjdk-17-jdk-headless' },
    ],
    command: (path) => ['java', path],
    timeoutMs: 90_000,
  },
  {
    language: 'Go',
    file: 'go/reclaim_order.go',
    tools: [{ command: 'go', debianPackage: 'golang-go' }],
    command: (path) => ['go', 'run', path],
    // The sample uses the standard library only, so module downloads are switched off. The build
    // cache outlives the run, so later runs skip most of the compile.
    env: {
      GOCACHE: process.env.GOCACHE ?? join(GO_WORK_DIR, 'cache'),
      GOPATH: join(GO_WORK_DIR, 'path'),
      GOPROXY: 'off',
      GOFLAGS: '',
      GOWORK: 'off',
      GOTOOLCHAIN: 'local',
      GOTELEMETRY: 'off',
    },
    timeoutMs: 240_000,
  },
  {
    language: 'Shell',
    file: 'shell/reclaim-order.sh',
    tools: [
      { command: 'bash', debianPackage: 'bash' },
      { command: 'curl', debianPackage: 'curl' },
      { command: 'openssl', debianPackage: 'openssl' },
      { command: 'iconv', debianPackage: 'libc-bin' },
      { command: 'od', debianPackage: 'coreutils' },
    ],
    command: (path) => ['bash', path],
    timeoutMs: 60_000,
  },
];

export function samplePath(sample: Sample): string {
  return join(SAMPLES_DIR, sample.file);
}
