/** How much a check matters: MUST is the contract, SHOULD is good practice, INFO only reports. */
export type Level = 'MUST' | 'SHOULD' | 'INFO';

export type Status = 'pass' | 'fail' | 'skip' | 'info' | 'error';

/** One HTTP request as the suite sends it; also the input of the curl reproduction. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  durationMs: number;
}

export interface CheckResult {
  status: Status;
  /** One line: what was found. */
  summary: string;
  /** The request that reproduces a failure (rendered as curl, secret never included). */
  request?: RawRequest;
  /** Machine-readable INFO finding, such as `{ verifies: 'raw-bytes' }`. */
  finding?: Record<string, unknown>;
}

export interface Target {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** A serial that exists, used only when `allowReclaim` is true. */
  knownSerial?: string;
  allowReclaim: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Milliseconds since the epoch. */
  clock: () => number;
}

export interface CheckContext {
  target: Target;
  /** Sends a request and records its response for the schema check; throws `TargetError` when no response arrives. */
  send(request: RawRequest): Promise<RawResponse>;
  /** Builds a correctly signed request for `body` (canonical JSON text) with optional overrides. */
  signed(body: string, overrides?: SignOverrides): Promise<RawRequest>;
  /** A serial that cannot exist on any server, unique per call. */
  unknownSerial(): string;
  /** The target's clock reading in whole Unix seconds, as TIMESTAMP carries it. */
  nowSeconds(): number;
}

export interface SignOverrides {
  timestamp?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Sign this text instead of the body that is sent. */
  signedBody?: string;
  /** Send this signature instead of the computed one. */
  signature?: string;
  headers?: Record<string, string>;
  omitHeaders?: string[];
}

export interface Check {
  id: string;
  level: Level;
  title: string;
  run(context: CheckContext): Promise<CheckResult>;
}

/**
 * Why a request got no usable answer: `unreachable` (refused, no route, unknown host),
 * `timeout` (nothing within the timeout), `dropped` (the connection closed without an answer).
 */
export type TargetErrorKind = 'unreachable' | 'timeout' | 'dropped';

/** The target did not answer (refused, timed out) or closed the connection without an answer. */
export class TargetError extends Error {
  readonly kind: TargetErrorKind;

  constructor(message: string, kind: TargetErrorKind, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TargetError';
    this.kind = kind;
  }
}
