import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBufferedOutput } from '../../src/server/buffered-output.ts';
import { createLogger, describeError } from '../../src/server/logger.ts';

const fixedClock = () => Date.UTC(2026, 0, 2, 3, 4, 5, 678);

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', clock: fixedClock, write: (line) => lines.push(line) });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes time, level, message and fields on one line', () => {
    const { lines, logger } = capture();
    logger.info('request', { method: 'POST', status: 404, ok: false, skipped: undefined });

    expect(lines).toEqual(['2026-01-02T03:04:05.678Z info request method=POST status=404 ok=false']);
  });

  it.each([
    ['a space', 'a b', '"a b"'],
    ['a quote', 'a"b', '"a\\"b"'],
    ['an equals sign', 'a=b', '"a=b"'],
    ['a line break', 'a\nb', '"a\\nb"'],
    ['an escape character', '\u001b[31mred', '"\\u001b[31mred"'],
    ['DEL', 'a\u007f', '"a\\u007f"'],
    ['a C1 control', 'a\u009b', '"a\\u009b"'],
    ['a line separator', 'a\u2028b', '"a\\u2028b"'],
    ['non-ASCII text', '订单', '"订单"'],
    ['an empty string', '', '""'],
  ])('quotes and escapes a value with %s', (_name, value, expected) => {
    const { lines, logger } = capture();
    logger.info('x', { value });

    expect(lines[0]).toBe(`2026-01-02T03:04:05.678Z info x value=${expected}`);
  });

  it('cuts a value longer than 512 characters', () => {
    const { lines, logger } = capture();
    logger.info('x', { path: `/${'a'.repeat(10_000)}` });

    expect(lines[0]).toBe(`2026-01-02T03:04:05.678Z info x path="/${'a'.repeat(511)}…(10001 chars)"`);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => lines.push(line) });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');

    expect(lines.map((line) => line.split(' ')[1])).toEqual(['warn', 'error']);
  });

  it('rejects an unknown level', () => {
    expect(() => createLogger({ level: 'verbose' as never })).toThrow('Invalid log level "verbose": expected one of debug, info, warn, error, silent.');
  });
});

describe('describeError', () => {
  it('follows the cause chain', () => {
    const error = new Error('outer', { cause: new TypeError('inner', { cause: 'a string cause' }) });
    const text = describeError(error);

    expect(text).toMatch(/^Error: outer\n/);
    expect(text).toContain('\ncaused by: TypeError: inner\n');
    expect(text).toMatch(/\ncaused by: a string cause$/);
  });
});

describe('createBufferedOutput', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes lines in one batch after the flush interval', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const output = createBufferedOutput((text) => writes.push(text), { flushIntervalMs: 20 });
    output.write('one');
    output.write('two');

    expect(writes).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(writes).toEqual(['one\ntwo\n']);
  });

  it('writes at once when the buffer is full', () => {
    const writes: string[] = [];
    const output = createBufferedOutput((text) => writes.push(text), { maxBufferLength: 10 });
    output.write('12345');
    output.write('67890');

    expect(writes).toEqual(['12345\n67890\n']);
  });

  it('writes everything on flush and nothing twice', () => {
    const writes: string[] = [];
    const output = createBufferedOutput((text) => writes.push(text));
    output.write('last');
    output.flush();
    output.flush();

    expect(writes).toEqual(['last\n']);
  });
});
