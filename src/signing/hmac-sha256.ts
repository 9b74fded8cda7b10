/** Computes HMAC-SHA256 of a UTF-8 message and returns lowercase hex. */
export type HmacSha256 = (message: string) => Promise<string>;

interface NodeCryptoSubset {
  createHmac(algorithm: 'sha256', key: string): { update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } };
}

/**
 * Creates an HMAC-SHA256 function keyed with the UTF-8 bytes of `secret` (used as text, never
 * hex-decoded). It uses `node:crypto` where the runtime has it (Node 20.16+, Bun, Deno) and
 * WebCrypto otherwise, so the same code runs in browsers. The secret stays in this closure only.
 */
export function createHmacSha256(secret: string): HmacSha256 {
  const nodeCrypto = loadNodeCrypto();
  if (nodeCrypto !== undefined) {
    return async (message) => nodeCrypto.createHmac('sha256', secret).update(message, 'utf8').digest('hex');
  }

  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new Error('Failed to set up HMAC-SHA256: this runtime has neither node:crypto nor WebCrypto (crypto.subtle).');
  }
  const encoder = new TextEncoder();
  const keyPromise = subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (message) => {
    const mac = await subtle.sign('HMAC', await keyPromise, encoder.encode(message));
    return toHex(new Uint8Array(mac));
  };
}

/** Synchronous variant for Node-only callers (the reference server, the CLI, benchmarks). */
export function hmacSha256HexSync(secret: string, message: string): string {
  const nodeCrypto = loadNodeCrypto();
  if (nodeCrypto === undefined) {
    throw new Error('Failed to compute HMAC-SHA256 synchronously: node:crypto is not available. Use createHmacSha256().');
  }
  return nodeCrypto.createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}

function loadNodeCrypto(): NodeCryptoSubset | undefined {
  // process.getBuiltinModule (Node 20.16+, 22.3+) loads node:crypto without an import
  // statement, so browser bundles never see a reference to it.
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const loaded = runtime?.getBuiltinModule?.('node:crypto');
  return loaded as NodeCryptoSubset | undefined;
}

const HEX_DIGITS = '0123456789abcdef';

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) {
    hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 0x0f]!;
  }
  return hex;
}
