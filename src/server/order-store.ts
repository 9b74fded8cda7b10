import { readFile } from 'node:fs/promises';

/** Demo orders: the upstream page's example serial and `xxyyzz`, used by its other samples. */
export const DEMO_SERIALS: readonly string[] = [
  '1bcb40c612aababdcb166ac2cd7e3525',
  'xxyyzz',
  'demo-order-0001',
  'demo-order-0002',
];

/** The in-memory order store of the reference server. Reclaiming an order keeps it known. */
export class OrderStore {
  private readonly serials: Set<string>;

  constructor(serials: Iterable<string> = DEMO_SERIALS) {
    this.serials = new Set(serials);
  }

  has(serial: string): boolean {
    return this.serials.has(serial);
  }

  get size(): number {
    return this.serials.size;
  }
}

/**
 * Reads serials from a JSON file: either an array of strings or `{"orders": [{"serial": "..."}]}`.
 * Throws an error naming the file and the first invalid entry.
 */
export async function loadOrderFile(path: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Failed to read orders file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const entries = Array.isArray(parsed) ? parsed : (parsed as { orders?: unknown } | null)?.orders;
  if (!Array.isArray(entries)) {
    throw new Error(`Invalid orders file ${path}: expected an array of serials or {"orders": [{"serial": "..."}]}.`);
  }
  return entries.map((entry: unknown, index) => {
    const serial = typeof entry === 'string' ? entry : (entry as { serial?: unknown } | null)?.serial;
    if (typeof serial !== 'string' || serial === '') {
      throw new Error(`Invalid orders file ${path}: entry ${index} has no non-empty string serial.`);
    }
    return serial;
  });
}
