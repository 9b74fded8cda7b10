import { parseArgs } from 'node:util';
import { createReferenceServer } from '../../server/create-reference-server.ts';
import { createLogger, LOG_LEVELS, type LogLevel } from '../../server/logger.ts';
import { loadOrderFile } from '../../server/order-store.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { parseIntegerFlag } from '../parse-flags.ts';

export const serveUsage = `Usage: order-reclaim serve [options]

Runs the reference server until SIGINT or SIGTERM, then finishes requests in flight and exits 0.

Options:
  --port N              port to listen on (default 8080; env PORT)
  --host ADDRESS        address to listen on (default 127.0.0.1; env HOST)
  --window SECONDS      accepted clock difference, both directions (default 300)
  --orders FILE         JSON file of known serials (default: the demo orders)
  --strict              also require the body to be canonical JSON (for checking clients)
  --explain             put the diagnosis of a rejected request into the answer's detail
  --error-status MODE   "http" (4xx/5xx statuses, default) or "always-200"
  --max-body-bytes N    body size limit in bytes (default 65536)
  --cors                allow cross-origin calls from browsers (development only)
  --log-level LEVEL     debug, info, warn, error or silent (default info; env LOG_LEVEL)
  --quiet               same as --log-level warn
`;

export async function runServe(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      window: { type: 'string' },
      orders: { type: 'string' },
      strict: { type: 'boolean' },
      explain: { type: 'boolean' },
      'error-status': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      cors: { type: 'boolean' },
      'log-level': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });

  const level = (values.quiet ? 'warn' : (values['log-level'] ?? io.env.LOG_LEVEL ?? 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new UsageError(`Invalid --log-level ${JSON.stringify(level)}: expected one of ${LOG_LEVELS.join(', ')}.`);
  }
  const errorStatus = values['error-status'] ?? 'http';
  if (errorStatus !== 'http' && errorStatus !== 'always-200') {
    throw new UsageError(`Invalid --error-status ${JSON.stringify(errorStatus)}: expected "http" or "always-200".`);
  }
  const logger = createLogger({ level, write: (line) => io.stderr(`${line}\n`) });
  const serials = values.orders === undefined ? undefined : await loadOrderFile(values.orders);

  const reference = createReferenceServer({
    logger,
    serials,
    windowSeconds: parseIntegerFlag(values.window, 'window', 300),
    strict: values.strict ?? false,
    explain: values.explain ?? false,
    errorStatus,
    maxBodyBytes: parseIntegerFlag(values['max-body-bytes'], 'max-body-bytes', 64 * 1024),
    cors: values.cors ?? false,
  });
  const port = parseIntegerFlag(values.port ?? io.env.PORT, 'port', 8080);
  const host = values.host ?? io.env.HOST ?? '127.0.0.1';
  const url = await reference.listen({ port, host });
  io.stdout(`Reference server listening on ${url} (demo API key B433BFF1CDE7450AA38A56BEAC690DD4 unless configured)\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info('signal received', { signal });
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve();
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  await reference.close();
  return ExitCode.OK;
}
