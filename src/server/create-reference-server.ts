import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../demo-credentials.ts';
import type { Clock } from '../signing/clock.ts';
import { Errno, TIMESTAMP_WINDOW_SECONDS } from '../wire.ts';
import { type HandlerContext, handleRequest } from './handle-request.ts';
import { createLogger, type Logger } from './logger.ts';
import { messageFor } from './messages.ts';
import { DEMO_SERIALS, OrderStore } from './order-store.ts';
import { ReplayCache } from './replay-cache.ts';

export interface ReferenceServerOptions {
  /** Accepted key/secret pairs; defaults to the public demo pair of the upstream page. */
  credentials?: ReadonlyArray<{ apiKey: string; apiSecret: string }>;
  /** Known order serials; defaults to the demo orders. */
  serials?: Iterable<string>;
  /** Accepted clock difference in seconds, in both directions. Default 300. */
  windowSeconds?: number;
  clock?: Clock;
  /** Also require the body to be in canonical form (for checking clients). */
  strict?: boolean;
  /** Put the diagnosis of a rejected request into the answer's `detail`. */
  explain?: boolean;
  /** `http` answers errors with 4xx/5xx statuses; `always-200` answers everything with 200. */
  errorStatus?: 'http' | 'always-200';
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Default 100,000 signatures. */
  replayCacheSize?: number;
  /** Allow cross-origin calls from browsers (development only). */
  cors?: boolean;
  logger?: Logger;
  diagnose?: HandlerContext['diagnose'];
}

export interface ReferenceServer {
  readonly server: Server;
  readonly context: HandlerContext;
  /** Starts listening; resolves to the base URL, such as `http://127.0.0.1:8080`. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  /** Stops accepting connections, lets requests in flight finish, then resolves. */
  close(options?: { graceMs?: number }): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_REPLAY_CACHE_SIZE = 100_000;

/** Creates the reference server of the Order Reclaim API on `node:http`; it does not listen yet. */
export function createReferenceServer(options: ReferenceServerOptions = {}): ReferenceServer {
  const context = buildContext(options);
  const server = createServer((request, response) => {
    void handleRequest(context, request, response);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (error, socket) => {
    context.logger.warn('malformed HTTP request', { error: (error as NodeJS.ErrnoException).code ?? error.message });
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ errno: Errno.MALFORMED_REQUEST, message: messageFor(Errno.MALFORMED_REQUEST, 'zh-CN') });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  return {
    server,
    context,
    listen: ({ port = 0, host = '127.0.0.1' } = {}) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const url = `http://${formatHost(address.address)}:${address.port}`;
          context.logger.info('listening', { url, strict: context.strict, explain: context.explain, windowSeconds: context.windowSeconds });
          resolve(url);
        });
      }),
    close: ({ graceMs = 10_000 } = {}) => closeGracefully(server, context.logger, graceMs),
  };
}

function buildContext(options: ReferenceServerOptions): HandlerContext {
  const windowSeconds = options.windowSeconds ?? TIMESTAMP_WINDOW_SECONDS;
  requirePositiveInteger(windowSeconds, 'windowSeconds');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  requirePositiveInteger(maxBodyBytes, 'maxBodyBytes');
  const errorStatus = options.errorStatus ?? 'http';
  if (errorStatus !== 'http' && errorStatus !== 'always-200') {
    throw new TypeError(`Invalid \`errorStatus\`: expected "http" or "always-200", received ${JSON.stringify(errorStatus)}.`);
  }
  const credentialList = options.credentials ?? [{ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET }];

  return {
    credentials: new Map(credentialList.map(({ apiKey, apiSecret }) => [apiKey, apiSecret])),
    orders: new OrderStore(options.serials ?? DEMO_SERIALS),
    replayCache: new ReplayCache(options.replayCacheSize ?? DEFAULT_REPLAY_CACHE_SIZE),
    windowSeconds,
    clock: options.clock ?? Date.now,
    strict: options.strict ?? false,
    explain: options.explain ?? false,
    errorStatus,
    maxBodyBytes,
    cors: options.cors ?? false,
    logger: options.logger ?? createLogger(),
    diagnose: options.diagnose,
  };
}

function requirePositiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`Invalid \`${name}\`: expected a positive integer, received ${String(value)}.`);
  }
}

function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/**
 * Stops accepting, closes idle keep-alive connections, waits for requests in flight, and after
 * `graceMs` closes whatever is still open.
 */
async function closeGracefully(server: Server, logger: Logger, graceMs: number): Promise<void> {
  if (!server.listening) {
    return;
  }
  logger.info('stopping', { graceMs });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    logger.warn('grace period over, closing open connections', { graceMs });
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(deadline);
  }
  logger.info('stopped');
}
