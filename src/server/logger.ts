export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each formatted line without a newline; defaults to standard error. */
  write?: (line: string) => void;
  clock?: () => number;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

/**
 * Creates the logger of the server and the CLI: one line per event,
 * `2026-01-01T00:00:00.000Z info message key=value ...`. Callers never pass a secret or a whole
 * signature in `fields`.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  if (!(level in RANK)) {
    throw new TypeError(`Invalid log level ${JSON.stringify(level)}: expected one of ${LOG_LEVELS.join(', ')}.`);
  }
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? Date.now;

  // Under load many lines share a millisecond, so the formatted time is reused.
  let lastMs = Number.NaN;
  let lastTime = '';
  const log = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (RANK[lineLevel] < RANK[level]) {
      return;
    }
    const nowMs = clock();
    if (nowMs !== lastMs) {
      lastMs = nowMs;
      lastTime = new Date(nowMs).toISOString();
    }
    write(`${lastTime} ${lineLevel} ${message}${formatFields(fields)}`);
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Field values longer than this are cut, so a hostile path or header cannot flood the log. */
const MAX_FIELD_LENGTH = 512;

function formatFields(fields: LogFields): string {
  let text = '';
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) {
      continue;
    }
    // Numbers and booleans never need quoting, so only strings go through formatValue.
    text += ` ${key}=${typeof value === 'string' ? formatValue(value) : String(value)}`;
  }
  return text;
}

/**
 * Formats a field value: printable ASCII without spaces, quotes or `=` as is, anything else as a
 * JSON string. C1 controls, DEL and the Unicode line separators are escaped too, so a value from
 * a request can neither break the line nor send terminal control sequences.
 */
function formatValue(value: string): string {
  const cut = value.length > MAX_FIELD_LENGTH ? `${value.slice(0, MAX_FIELD_LENGTH)}…(${value.length} chars)` : value;
  if (/^[!#-<>-~]+$/.test(cut)) {
    return cut;
  }
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Lines kept of each stack in the chain: the message and three frames. */
const STACK_LINES_PER_ERROR = 4;

/** Describes an error for a log line: its stack (or message) and the chain of its causes. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    // Three frames per error keep the chain of causes inside the field length limit.
    const stack = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push(stack.split('\n').slice(0, STACK_LINES_PER_ERROR).join('\n'));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\ncaused by: ');
}
