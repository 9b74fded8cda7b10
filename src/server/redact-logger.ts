import type { LogFields, Logger } from './logger.ts';

/** 64 hex digits: the length of a SIGNATURE, and of an HMAC-SHA256 or SHA-256 in hex. */
const HEX_256 = /[0-9a-fA-F]{64}/;
const ALL_HEX_256 = /[0-9a-fA-F]{64}/g;

/**
 * Wraps `logger` so that no field and no message carries one of `secrets` or a run of 64 hex
 * digits (a whole signature). The handler already shortens the values it logs. This wrapper
 * catches the values it copies from a request, such as a path or a serial, where a client may
 * have put a signature or even the secret. Lines that need no change are passed on without a
 * copy, because the server logs one per request.
 */
export function redactLogger(logger: Logger, secrets: readonly string[]): Logger {
  const nonEmptySecrets = secrets.filter((secret) => secret !== '');
  const shortest = Math.min(64, ...nonEmptySecrets.map((secret) => secret.length));

  const needsRedaction = (text: string): boolean =>
    text.length >= shortest && (HEX_256.test(text) || nonEmptySecrets.some((secret) => text.includes(secret)));

  const redact = (text: string): string => {
    if (!needsRedaction(text)) {
      return text;
    }
    let result = text;
    for (const secret of nonEmptySecrets) {
      result = result.replaceAll(secret, '[secret]');
    }
    return result.replace(ALL_HEX_256, (hex) => `${hex.slice(0, 8)}…`);
  };

  const redactFields = (fields: LogFields | undefined): LogFields | undefined => {
    let redacted: LogFields | undefined;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value === 'string' && needsRedaction(value)) {
        redacted ??= { ...fields };
        redacted[key] = redact(value);
      }
    }
    return redacted ?? fields;
  };

  return {
    debug: (message, fields) => logger.debug(redact(message), redactFields(fields)),
    info: (message, fields) => logger.info(redact(message), redactFields(fields)),
    warn: (message, fields) => logger.warn(redact(message), redactFields(fields)),
    error: (message, fields) => logger.error(redact(message), redactFields(fields)),
  };
}
