import type { CapturedRequest } from './diagnose-request.ts';
import { splitShellWords } from './split-shell-words.ts';

/** curl options that take a value and do not matter here; their values are skipped. */
const IGNORED_WITH_VALUE = new Set([
  '-A', '--user-agent', '-b', '--cookie', '-c', '--cookie-jar', '-e', '--referer', '-m', '--max-time',
  '--connect-timeout', '-o', '--output', '-u', '--user', '-w', '--write-out', '-x', '--proxy', '--cacert',
  '--cert', '--key', '--retry', '--retry-delay', '--retry-max-time', '-r', '--range', '--resolve', '--connect-to',
  '--limit-rate', '-y', '--speed-time', '-Y', '--speed-limit', '--max-redirs', '--trace', '--trace-ascii',
  '--stderr', '--interface', '--dns-servers', '-K', '--config', '-E',
]);
const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--json']);
const UNSUPPORTED = new Set(['-F', '--form', '--form-string', '--data-urlencode', '-G', '--get', '-T', '--upload-file']);
const SHORT_WITH_VALUE = new Set(['H', 'd', 'X', 'A', 'b', 'c', 'e', 'm', 'o', 'u', 'w', 'x', 'r', 'y', 'Y', 'K', 'E', 'F', 'T']);

/**
 * Reads the request a curl command line would send: URL, method, headers (-H/--header) and body
 * (-d, --data, --data-raw, --data-binary, --data-ascii, --json; several are joined with `&` as
 * curl does). Throws a SyntaxError that names the option it cannot reproduce offline.
 */
export function parseCurlCommand(command: string): CapturedRequest {
  const words = splitShellWords(command);
  if (words[0] !== 'curl' && !words[0]?.endsWith('/curl')) {
    throw new SyntaxError(`Expected a command line that starts with curl, received ${JSON.stringify((words[0] ?? '').slice(0, 40))}.`);
  }
  const headers: Record<string, string> = {};
  const data: string[] = [];
  let method: string | undefined;
  let url: string | undefined;
  let json = false;

  const apply = (option: string, value: () => string): void => {
    if (option === '-H' || option === '--header') {
      addHeader(headers, value());
    } else if (DATA_OPTIONS.has(option)) {
      const text = value();
      if (text.startsWith('@') && option !== '--data-raw') {
        throw new SyntaxError(`The curl option ${option} ${text} reads the body from a file; pass that file with --headers/--body instead of --curl.`);
      }
      data.push(text);
      json ||= option === '--json';
    } else if (option === '-X' || option === '--request') {
      method = value();
    } else if (option === '--url') {
      url = value();
    } else if (UNSUPPORTED.has(option)) {
      throw new SyntaxError(`The curl option ${option} is not supported: the reclaim API takes a raw JSON body (-d/--data-raw).`);
    } else if (IGNORED_WITH_VALUE.has(option)) {
      value();
    }
  };

  const args = words.slice(1);
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    const nextWord = (option: string) => (): string => {
      const next = args[++index];
      if (next === undefined) {
        throw new SyntaxError(`The curl option ${option} needs a value.`);
      }
      return next;
    };
    if (word.startsWith('--')) {
      apply(word, nextWord(word));
    } else if (/^-[A-Za-z]/.test(word)) {
      // A cluster such as -sSH or -HName:value: each letter is an option, and the first one
      // that takes a value takes the rest of the word, or the next word when nothing is left.
      for (let position = 1; position < word.length; position++) {
        const option = `-${word[position]}`;
        const rest = word.slice(position + 1);
        if (SHORT_WITH_VALUE.has(word[position]!)) {
          apply(option, rest === '' ? nextWord(option) : () => rest);
          break;
        }
        apply(option, nextWord(option));
      }
    } else {
      url ??= word;
    }
  }

  if (json) {
    headers['Content-Type'] ??= 'application/json';
  }
  return {
    method: method ?? (data.length > 0 ? 'POST' : 'GET'),
    url,
    headers,
    body: Buffer.from(data.join('&'), 'utf8'),
  };
}

/** Adds a `Name: value` header as curl sends it; `Name:` removes a header and `Name;` sends it empty. */
function addHeader(headers: Record<string, string>, line: string): void {
  const colon = line.indexOf(':');
  const semicolon = line.indexOf(';');
  if (colon === -1 && semicolon !== -1 && line.slice(semicolon + 1).trim() === '') {
    headers[line.slice(0, semicolon).trim()] = '';
    return;
  }
  if (colon === -1) {
    throw new SyntaxError(`Invalid curl header ${JSON.stringify(line.slice(0, 60))}: expected "Name: value".`);
  }
  const name = line.slice(0, colon).trim();
  const value = line.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  if (value === '') {
    delete headers[name];
    return;
  }
  headers[name] = value;
}
