/**
 * Splits a POSIX shell command line into words the way bash would before running it:
 * backslash-newline continuations, single quotes, double quotes (with `\"`, `\\`, `\$`, `` \` ``
 * and backslash-newline escapes), bash's `$'...'` quotes and `#` comments. Variables and command
 * substitutions cannot be expanded offline, so they raise an error that names them.
 */
export function splitShellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let index = 0;
  const append = (text: string): void => {
    word = (word ?? '') + text;
  };

  while (index < command.length) {
    const char = command[index]!;
    if (char === '\\') {
      const next = command[index + 1];
      if (next === '\n') {
        index += 2;
        continue;
      }
      if (next === '\r' && command[index + 2] === '\n') {
        index += 3;
        continue;
      }
      append(next ?? '');
      index += 2;
    } else if (char === "'") {
      const end = findClosing(command, index + 1, "'");
      append(command.slice(index + 1, end));
      index = end + 1;
    } else if (char === '$' && command[index + 1] === "'") {
      const { text, end } = readAnsiCQuoted(command, index + 2);
      append(text);
      index = end + 1;
    } else if (char === '"') {
      const { text, end } = readDoubleQuoted(command, index + 1);
      append(text);
      index = end + 1;
    } else if (char === '$' && /[A-Za-z_{(0-9@*#?!-]/.test(command[index + 1] ?? '')) {
      throw new SyntaxError(unexpandable(command, index));
    } else if (char === '`') {
      throw new SyntaxError(unexpandable(command, index));
    } else if (/\s/.test(char)) {
      if (word !== undefined) {
        words.push(word);
        word = undefined;
      }
      index++;
    } else if (char === '#' && word === undefined) {
      const newline = command.indexOf('\n', index);
      index = newline === -1 ? command.length : newline;
    } else {
      append(char);
      index++;
    }
  }
  if (word !== undefined) {
    words.push(word);
  }
  return words;
}

function findClosing(command: string, from: number, quote: string): number {
  const end = command.indexOf(quote, from);
  if (end === -1) {
    throw new SyntaxError(`Unterminated ${quote} quote starting at character ${from - 1} of the curl command.`);
  }
  return end;
}

function readDoubleQuoted(command: string, from: number): { text: string; end: number } {
  let text = '';
  for (let index = from; index < command.length; index++) {
    const char = command[index]!;
    if (char === '"') {
      return { text, end: index };
    }
    if (char === '\\' && /["\\$`\n]/.test(command[index + 1] ?? '')) {
      if (command[index + 1] !== '\n') {
        text += command[index + 1];
      }
      index++;
    } else if ((char === '$' && /[A-Za-z_{(0-9@*#?!-]/.test(command[index + 1] ?? '')) || char === '`') {
      throw new SyntaxError(unexpandable(command, index));
    } else {
      text += char;
    }
  }
  throw new SyntaxError(`Unterminated " quote starting at character ${from - 1} of the curl command.`);
}

const ANSI_C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '?': '?' };

function readAnsiCQuoted(command: string, from: number): { text: string; end: number } {
  let text = '';
  for (let index = from; index < command.length; index++) {
    const char = command[index]!;
    if (char === "'") {
      return { text, end: index };
    }
    if (char !== '\\') {
      text += char;
      continue;
    }
    const next = command[index + 1] ?? '';
    const hex = /^(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8}))/.exec(command.slice(index + 1));
    if (hex !== null) {
      text += String.fromCodePoint(Number.parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16));
      index += hex[0].length;
    } else {
      text += ANSI_C_ESCAPES[next] ?? `\\${next}`;
      index++;
    }
  }
  throw new SyntaxError(`Unterminated $' quote starting at character ${from - 2} of the curl command.`);
}

function unexpandable(command: string, index: number): string {
  const expansion = /^(?:\$\{[^}]*\}?|\$\([^)]*\)?|\$[A-Za-z_][A-Za-z0-9_]*|\$.|`[^`]*`?)/.exec(command.slice(index))![0];
  const snippet = expansion.length > 40 ? `${expansion.slice(0, 40)}…` : expansion;
  return `The curl command uses ${JSON.stringify(snippet)}, a shell expansion that cannot be evaluated offline. Paste the command with its values expanded (for example from \`set -x\` output or "Copy as cURL").`;
}
