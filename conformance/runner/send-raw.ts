import { type RawRequest, type RawResponse, TargetError } from './types.ts';

/** Sends `request` to `baseUrl` with fetch and a timeout; throws `TargetError` when no answer arrives. */
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
    throw new TargetError(describeFetchFailure(url, error, timeoutMs), { cause: error });
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

function describeFetchFailure(url: string, error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `No answer from ${url} within ${timeoutMs} ms. Check that the server is up, or raise --timeout-ms.`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return `Could not reach ${url} (${reason}). Check --base-url and that the server is running.`;
}
