import type { RawRequest } from './types.ts';

/**
 * Renders a request as a curl command that reproduces it. The signature in it is the one that
 * was sent (valid only inside the timestamp window); the secret is never part of a request.
 */
export function toCurlCommand(baseUrl: string, request: RawRequest): string {
  const url = new URL(request.path, baseUrl).toString();
  const parts = [`curl -sS -X ${request.method} ${quoteShell(url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push(`-H ${quoteShell(`${name}: ${value}`)}`);
  }
  const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('latin1');
  if (body !== '') {
    parts.push(typeof request.body === 'string' ? `--data-raw ${quoteShell(body)}` : `--data-binary ${quoteShell(body)}`);
  }
  return parts.join(' \\\n  ');
}

function quoteShell(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
