/** Headers read from a capture, and the body when the capture was a whole HTTP request. */
export interface ParsedHeaders {
  headers: Record<string, string>;
  method?: string;
  url?: string;
  /** Text after the blank line that ends the header block, if any. */
  body?: string;
}

/**
 * Reads captured request headers: either a JSON object of header names to string values, or
 * raw `Name: value` lines, optionally starting with the request line (`POST /path HTTP/1.1`).
 * A line without a colon continues the previous header, joined with a line break, because
 * that is how a value broken by `xxd -p` looks in a capture and the line break is the mistake.
 */
export function parseHeaderLines(text: string): ParsedHeaders {
  if (text.trimStart().startsWith('{')) {
    return { headers: parseJsonHeaders(text) };
  }

  const lines = text.split(/\r?\n/);
  const result: ParsedHeaders = { headers: {} };
  let lastName: string | undefined;
  let index = 0;
  const requestLine = /^([A-Z]+) (\S+) HTTP\/\d(?:\.\d)?$/.exec(lines[0] ?? '');
  if (requestLine !== null) {
    result.method = requestLine[1];
    result.url = requestLine[2];
    index = 1;
  }

  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '') {
      const rest = lines.slice(index + 1).join('\n');
      if (rest !== '') {
        result.body = rest;
      }
      break;
    }
    const colon = line.indexOf(':');
    const continues = lastName !== undefined && (colon === -1 || /^[ \t]/.test(line));
    if (continues) {
      result.headers[lastName!] += `\n${line.trim()}`;
      continue;
    }
    if (colon <= 0) {
      throw new SyntaxError(`Invalid header line ${index + 1} ${JSON.stringify(line.slice(0, 60))}: expected "Name: value".`);
    }
    lastName = line.slice(0, colon).trim();
    result.headers[lastName] = line.slice(colon + 1).trim();
  }
  return result;
}

function parseJsonHeaders(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`Invalid JSON headers: ${(error as Error).message}. Expected an object such as {"TIMESTAMP": "1700000000"}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SyntaxError('Invalid JSON headers: expected an object of header names to string values.');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      throw new SyntaxError(`Invalid JSON headers: the value of ${JSON.stringify(name)} is ${typeof value}, expected a string.`);
    }
    headers[name] = value;
  }
  return headers;
}
