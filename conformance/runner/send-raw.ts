import { type RawRequest, type RawResponse, TargetError, type TargetErrorKind } from './types.ts';

/** Sends `request` to `baseUrl` with fetch and a timeout; throws `TargetError` when no response arrives. */
export async function sendRaw(baseUrl: string, request: RawRequest, timeoutMs: number): Promise<RawResponse> {
  const url = new URL(request.path, baseUrl).toString();
  const started = performance.now();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : (request.body as BodyInit),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const kind = classifyFetchFailure(error);
    throw new TargetError(describeFetchFailure(url, error, kind, timeoutMs), kind, { cause: error });
  }
  return { status: response.status, headers: response.headers, text, json: parseOrUndefined(text), durationMs: performance.now() - started };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Error codes of Node and undici that mean no connection could be opened at all. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

function classifyFetchFailure(error: unknown): TargetErrorKind {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return 'timeout';
  }
  const code = causeOf(error)?.code;
  return code !== undefined && UNREACHABLE_CODES.has(code) ? 'unreachable' : 'dropped';
}

function causeOf(error: unknown): { code?: string; message?: string } | undefined {
  return (error as { cause?: { code?: string; message?: string } }).cause;
}

function describeFetchFailure(url: string, error: unknown, kind: TargetErrorKind, timeoutMs: number): string {
  const cause = causeOf(error);
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  switch (kind) {
    case 'timeout':
      return `No answer from ${url} within ${timeoutMs} ms. Check that the server is up, or raise --timeout-ms.`;
    case 'unreachable':
      return `Could not reach ${url} (${reason}). Check --base-url and that the server is running.`;
    case 'dropped':
      return `The connection to ${url} closed without an answer (${reason}).`;
  }
}
