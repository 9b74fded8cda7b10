/**
 * A strict JSON parser for request bodies. Unlike `JSON.parse` it rejects duplicate keys (after
 * unescaping, so `"a"` and `"\u0061"` collide) and keeps integers beyond ±(2^53-1) exact as
 * `bigint`, so the strict mode can compare a body with its canonical form without losing digits.
 */

export class JsonSyntaxError extends Error {
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

export class DuplicateKeyError extends Error {
  readonly key: string;

  constructor(key: string, position: number) {
    super(`duplicate key ${JSON.stringify(key)} at position ${position}`);
    this.name = 'DuplicateKeyError';
    this.key = key;
  }
}

/** Maximum nesting accepted, well beyond any reclaim body, to keep recursion bounded. */
const MAX_NESTING = 256;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * `{"key":"value"}` without escapes or control characters, the usual reclaim body. With one
 * member it cannot repeat a key, and JSON.parse reads it exactly like the parser below but about
 * five times faster, which counts at one body per request.
 */
const SINGLE_STRING_MEMBER = /^\{"[^"\\\u0000-\u001f]*":"[^"\\\u0000-\u001f]*"\}$/;

/**
 * A flat object whose strings have no escapes and whose numbers are integers of at most 15
 * digits (so exact as a double). In such text every `":` ends a key, so counting them counts the
 * members, and JSON.parse kept fewer keys exactly when a key repeats.
 */
const FLAT_MEMBER = '"[^"\\\\\\u0000-\\u001f]*":(?:"[^"\\\\\\u0000-\\u001f]*"|-?(?:0|[1-9][0-9]{0,14})|true|false|null)';
const FLAT_OBJECT = new RegExp(`^\\{${FLAT_MEMBER}(?:,${FLAT_MEMBER})*\\}$`);

export function parseJsonStrict(text: string): unknown {
  if (SINGLE_STRING_MEMBER.test(text)) {
    return JSON.parse(text);
  }
  if (FLAT_OBJECT.test(text)) {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (Object.keys(value).length === countKeyEnds(text)) {
      return value;
    }
    // A repeated key: the parser below reports it with its position.
  }
  const parser = new Parser(text);
  const value = parser.parseValue(0);
  parser.skipWhitespace();
  if (parser.position !== text.length) {
    throw new JsonSyntaxError('unexpected data after the JSON value', parser.position);
  }
  return value;
}

function countKeyEnds(text: string): number {
  let count = 0;
  for (let index = text.indexOf('":'); index !== -1; index = text.indexOf('":', index + 2)) {
    count++;
  }
  return count;
}

class Parser {
  position = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.test(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  parseValue(depth: number): unknown {
    if (depth > MAX_NESTING) {
      throw new JsonSyntaxError(`nesting deeper than ${MAX_NESTING} levels`, this.position);
    }
    this.skipWhitespace();
    const char = this.text[this.position];
    switch (char) {
      case '{':
        return this.parseObject(depth);
      case '[':
        return this.parseArray(depth);
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        return this.parseNumber();
    }
  }

  private parseObject(depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const keyPosition = this.position;
      if (this.text[this.position] !== '"') {
        throw new JsonSyntaxError('expected a string key', this.position);
      }
      const key = this.parseString();
      if (seen.has(key)) {
        throw new DuplicateKeyError(key, keyPosition);
      }
      seen.add(key);
      this.skipWhitespace();
      this.expect(':');
      // defineProperty keeps a "__proto__" key as data instead of changing the prototype.
      Object.defineProperty(result, key, { value: this.parseValue(depth + 1), enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position++;
        continue;
      }
      this.expect('}');
      return result;
    }
  }

  private parseArray(depth: number): unknown[] {
    const result: unknown[] = [];
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return result;
    }
    for (;;) {
      result.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      if (this.text[this.position] === ',') {
        this.position++;
        continue;
      }
      this.expect(']');
      return result;
    }
  }

  private parseString(): string {
    STRING.lastIndex = this.position;
    const match = STRING.exec(this.text);
    if (match === null) {
      throw new JsonSyntaxError('invalid string', this.position);
    }
    this.position = STRING.lastIndex;
    return JSON.parse(match[0]) as string;
  }

  private parseNumber(): number | bigint {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (match === null) {
      const found = this.position < this.text.length ? JSON.stringify(this.text[this.position]) : 'end of input';
      throw new JsonSyntaxError(`unexpected ${found}`, this.position);
    }
    this.position = NUMBER.lastIndex;
    const literal = match[0];
    const value = Number(literal);
    const isIntegerLiteral = !/[.eE]/.test(literal);
    return isIntegerLiteral && !Number.isSafeInteger(value) ? BigInt(literal) : value;
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) {
      throw new JsonSyntaxError(`unexpected ${JSON.stringify(this.text.slice(this.position, this.position + word.length))}`, this.position);
    }
    this.position += word.length;
    return value;
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) {
      const found = this.position < this.text.length ? JSON.stringify(this.text[this.position]) : 'end of input';
      throw new JsonSyntaxError(`expected ${JSON.stringify(char)}, found ${found}`, this.position);
    }
    this.position++;
  }
}
