import { createHmac } from 'node:crypto';
import type { BodyForm } from './body-form.ts';
import type { Mistake } from './mistake.ts';
import { toPythonRepr } from './python-repr.ts';
import { type JsonStyle, writeJson } from './write-json.ts';

export interface SignatureInput {
  secret: string;
  timestamp: string;
  /** Lowercase hex, whitespace removed: 64 characters, or fewer when the value was cut. */
  signature: string;
  rawBody: Uint8Array;
  body: BodyForm;
}

/** Which message the signature turned out to cover. */
export type SignatureExplanation =
  | { kind: 'valid' }
  | { kind: 'mistake'; mistake: Mistake }
  | { kind: 'unexplained' };

interface Hypothesis {
  /** Undefined for the correct message. */
  mistake?: Mistake;
  key: string | Buffer;
  message: () => Buffer;
}

/**
 * Recomputes the HMAC over the message each known mistake would have signed and returns the
 * first hypothesis whose result equals the signature (or starts with it, when the signature
 * was cut short). Nothing computed here is returned or printed, only which hypothesis held.
 */
export function explainSignature(input: SignatureInput): SignatureExplanation & { truncated: boolean } {
  const cut = input.signature.length < 64;
  for (const hypothesis of buildHypotheses(input)) {
    const expected = createHmac('sha256', hypothesis.key).update(hypothesis.message()).digest('hex');
    const matches = cut ? input.signature.length >= 8 && expected.startsWith(input.signature) : expected === input.signature;
    if (matches) {
      return hypothesis.mistake === undefined ? { kind: 'valid', truncated: cut } : { kind: 'mistake', mistake: hypothesis.mistake, truncated: cut };
    }
  }
  return { kind: 'unexplained', truncated: cut };
}

function buildHypotheses(input: SignatureInput): Hypothesis[] {
  const { secret, timestamp, rawBody, body } = input;
  const withBody = (bodyBytes: Uint8Array | string, separator = '&', suffix = ''): (() => Buffer) => () =>
    Buffer.concat([Buffer.from(`${timestamp}${separator}`, 'utf8'), Buffer.from(bodyBytes as Uint8Array), Buffer.from(suffix, 'utf8')]);
  const asBytes = (text: string): Buffer => Buffer.from(text, 'utf8');

  const hypotheses: Hypothesis[] = [{ key: secret, message: withBody(rawBody) }];
  if (/^(?:[0-9a-fA-F]{2})+$/.test(secret)) {
    hypotheses.push({
      key: Buffer.from(secret, 'hex'),
      message: withBody(rawBody),
      mistake: {
        id: 'secret-hex-decoded',
        message: 'The signature was made with the secret hex-decoded to bytes. The secret is used as text: its UTF-8 bytes are the HMAC key (API_SECRET.encode(), not bytes.fromhex(API_SECRET)).',
      },
    });
  }
  hypotheses.push({
    key: secret,
    message: withBody(rawBody, ''),
    mistake: { id: 'separator-missing', message: 'The signature covers TIMESTAMP + BODY without the "&" between them. Sign TIMESTAMP + "&" + BODY.' },
  });
  hypotheses.push({
    key: secret,
    message: withBody(rawBody, '&', '\n'),
    mistake: {
      id: 'trailing-newline',
      message: 'The signed message ended with a line break that the request does not carry (`echo` without -n adds one). Sign TIMESTAMP + "&" + BODY exactly: `printf \'%s\' "$message"` or `echo -n`.',
    },
  });
  const withoutNewline = body.text?.replace(/\r?\n$/, '');
  if (withoutNewline !== undefined && withoutNewline !== body.text) {
    hypotheses.push({
      key: secret,
      message: withBody(asBytes(withoutNewline)),
      mistake: { id: 'trailing-newline', message: 'The body sent ends with a line break that was not signed (a file saved with a final newline, `--data-binary @file`). Send the exact bytes you signed.' },
    });
  }
  if (body.value !== undefined) {
    for (const { text, mistake } of reserializedForms(body)) {
      if (text !== withoutNewline) {
        hypotheses.push({ key: secret, message: withBody(asBytes(text)), mistake });
      }
    }
  }
  return hypotheses;
}

const COMPACT = { itemSeparator: ',', keySeparator: ':' };
const PYTHON_DEFAULT = { itemSeparator: ', ', keySeparator: ': ' };

/** The texts a client may have signed while sending the body in another form. */
function reserializedForms(body: BodyForm): Array<{ text: string; mistake: Mistake }> {
  const changed = (signedForm: string): Mistake => ({
    id: 'body-changed-after-signing',
    message: `The signature matches ${signedForm} of the body, but the body sent is different bytes: something serialized the body again after signing (requests' json=, an HTTP client's JSON transform). Send the exact text you signed (requests: data=json_data).`,
  });
  const styled = (style: Omit<JsonStyle, 'itemSeparator' | 'keySeparator'>, separators: typeof COMPACT): string => writeJson(body.value, { ...style, ...separators });
  const forms: Array<{ text: string | undefined; mistake: Mistake }> = [
    { text: body.canonical, mistake: changed('the canonical form') },
    { text: styled({ sortKeys: true, ascii: false }, COMPACT), mistake: changed('the utf8-profile canonical form (non-ASCII written raw)') },
    { text: styled({ sortKeys: false, ascii: false }, COMPACT), mistake: changed('JSON.stringify') },
    { text: styled({ sortKeys: true, ascii: true }, PYTHON_DEFAULT), mistake: changed("json.dumps(data, sort_keys=True) with the default ', ' and ': ' separators") },
    { text: styled({ sortKeys: false, ascii: true }, PYTHON_DEFAULT), mistake: changed("json.dumps(data) with the default ', ' and ': ' separators") },
  ];
  const pythonStr: Mistake = {
    id: 'python-str-body',
    message: "The signature covers the Python str() of the dict ({'serial': ...}, single quotes, True/None) instead of its JSON text. Sign json_data, the string you send.",
  };
  for (const sortKeys of [false, true]) {
    forms.push({ text: toPythonRepr(body.value, sortKeys), mistake: pythonStr });
  }

  const seen = new Set<string>();
  const result: Array<{ text: string; mistake: Mistake }> = [];
  for (const form of forms) {
    if (form.text !== undefined && !seen.has(form.text)) {
      seen.add(form.text);
      result.push({ text: form.text, mistake: form.mistake });
    }
  }
  return result;
}
