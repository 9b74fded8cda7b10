import { createServer, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../demo-credentials.ts';
import { diagnoseSignatureMismatch } from '../diagnosis/diagnose-signature-mismatch.ts';
import type { Clock } from '../signing/clock.ts';
import { TIMESTAMP_WINDOW_SECONDS } from '../wire.ts';
import { closeGracefully } from './close-gracefully.ts';
import { type FaultName, parseFaults } from './faults.ts';
import { guardDiagnosis } from './guard-diagnosis.ts';
import { createHttpDateFormatter, type HandlerContext, handleRequest } from './handle-request.ts';
import { createLogger, type Logger } from './logger.ts';
import { DEMO_SERIALS, OrderStore } from './order-store.ts';
import { redactLogger } from './redact-logger.ts';
import { rejectClientError, rejectConnect, rejectMissingHost } from './reject-at-http-level.ts';
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
  /** Put the diagnosis of a rejected request into the response's `detail`. */
  explain?: boolean;
  /** `http` sends errors with 4xx/5xx statuses; `always-200` sends every response with 200. */
  errorStatus?: 'http' | 'always-200';
  /** Default 64 KiB. */
  maxBodyBytes?: number;
  /** Default 100,000 signatures. */
  replayCacheSize?: number;
  /** Time a client has to send the request line and all headers, in milliseconds. Default 10,000. */
  headersTimeoutMs?: number;
  /** Time a client has to send the whole request, body included, in milliseconds. Default 30,000. */
  requestTimeoutMs?: number;
  /** Time an idle keep-alive connection stays open, in milliseconds. Default 5,000. */
  keepAliveTimeoutMs?: number;
  /** Allow cross-origin calls from browsers (development only). */
  cors?: boolean;
  logger?: Logger;
  /** Explains signature mismatches in the log and in explain mode; defaults to the built-in diagnosis. */
  diagnose?: HandlerContext['diagnose'];
  /** Deliberate faults that each break one rule, to prove the conformance checks. Never in normal use. */
  faults?: readonly FaultName[];
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
  const timeouts = resolveTimeouts(options);
  const state = { closing: false };

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.httpVersion === '1.1' && request.headers.host === undefined) {
      rejectMissingHost(context, request, response);
      return;
    }
    void handleRequest(context, request, response);
  };

  const server = createServer(
    {
      // Node would reject a missing Host with an empty 400; onRequest responds with JSON instead.
      requireHostHeader: false,
      ServerResponse: responseClassFor(state),
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // Node checks the two timeouts only this often (30 s by default), so a slow client would
      // otherwise hold its connection for up to 30 s past the limit.
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(timeouts.headersTimeoutMs / 4))),
    },
    onRequest,
  );
  server.on('clientError', (error, socket) => rejectClientError(context, error, socket));
  server.on('connect', (request, socket) => rejectConnect(context, request, socket));
  // Without these listeners node:http responds to `Expect: 100-continue` with a 100 even for a body
  // it will reject, and any other expectation with an empty 417.
  server.on('checkContinue', (request, response) => {
    if (!declaresBodyOver(request, context.maxBodyBytes)) {
      response.writeContinue();
    }
    onRequest(request, response);
  });
  server.on('checkExpectation', onRequest);

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
          if (context.faults !== undefined && context.faults.size > 0) {
            context.logger.warn('deliberate faults active: this server breaks the contract on purpose', { faults: [...context.faults].join(',') });
          }
          resolve(url);
        });
      }),
    close: ({ graceMs = 10_000 } = {}) => {
      state.closing = true;
      return closeGracefully(server, context.logger, graceMs);
    },
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
  const logger = redactLogger(
    options.logger ?? createLogger(),
    credentialList.map(({ apiSecret }) => apiSecret),
  );

  return {
    credentials: new Map(credentialList.map(({ apiKey, apiSecret }) => [apiKey, apiSecret])),
    orders: new OrderStore(options.serials ?? DEMO_SERIALS),
    replayCache: new ReplayCache(options.replayCacheSize ?? DEFAULT_REPLAY_CACHE_SIZE),
    windowSeconds,
    clock: options.clock ?? Date.now,
    httpDate: createHttpDateFormatter(),
    strict: options.strict ?? false,
    explain: options.explain ?? false,
    errorStatus,
    maxBodyBytes,
    cors: options.cors ?? false,
    logger,
    diagnose: guardDiagnosis(options.diagnose ?? diagnoseSignatureMismatch, logger),
    faults: parseFaults(options.faults ?? []),
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

function resolveTimeouts(options: ReferenceServerOptions): Required<Pick<ReferenceServerOptions, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>> {
  const timeouts = {
    headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5_000,
  };
  for (const [name, value] of Object.entries(timeouts)) {
    requirePositiveInteger(value, name);
  }
  if (timeouts.headersTimeoutMs > timeouts.requestTimeoutMs) {
    throw new TypeError(
      `Invalid \`headersTimeoutMs\` ${timeouts.headersTimeoutMs}: it must not exceed \`requestTimeoutMs\` (${timeouts.requestTimeoutMs}), which covers the headers too.`,
    );
  }
  return timeouts;
}

/**
 * Creates a ServerResponse class that adds `Connection: close` to responses written after shutdown
 * began, also for requests that arrived before, so that clients do not reuse the connection.
 */
function responseClassFor(state: { closing: boolean }): typeof ServerResponse {
  class ReferenceServerResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    override writeHead(
      statusCode: number,
      statusMessageOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[],
      headers?: OutgoingHttpHeaders | OutgoingHttpHeader[],
    ): this {
      if (state.closing) {
        this.setHeader('Connection', 'close');
      }
      return typeof statusMessageOrHeaders === 'string'
        ? super.writeHead(statusCode, statusMessageOrHeaders, headers)
        : super.writeHead(statusCode, statusMessageOrHeaders);
    }
  }
  return ReferenceServerResponse;
}

function declaresBodyOver(request: IncomingMessage, maxBytes: number): boolean {
  return Number(request.headers['content-length']) > maxBytes;
}
