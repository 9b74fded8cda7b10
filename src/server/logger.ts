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

  const log = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields = {}): void => {
    if (RANK[lineLevel] < RANK[level]) {
      return;
    }
    write(`${new Date(clock()).toISOString()} ${lineLevel} ${message}${formatFields(fields)}`);
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

function formatFields(fields: LogFields): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      continue;
    }
    const rendered = String(value);
    text += /^[^\s"=]+$/.test(rendered) ? ` ${key}=${rendered}` : ` ${key}=${JSON.stringify(rendered)}`;
  }
  return text;
}
