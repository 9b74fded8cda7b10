/**
 * Remembers the signatures of accepted requests until their timestamp leaves the window, so an
 * exact replay inside the window is rejected. Memory is bounded by `maxEntries`.
 */
export class ReplayCache {
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;

  constructor(maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError(`Invalid \`replayCacheSize\`: expected a positive integer, received ${String(maxEntries)}.`);
    }
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Records `signature` as used until `expiresAt` (Unix seconds) and returns false when it was
   * already recorded and has not expired, which means the request is a replay.
   */
  checkAndRecord(signature: string, expiresAt: number, nowSeconds: number): boolean {
    this.evictExpired(nowSeconds);
    const recordedUntil = this.entries.get(signature);
    if (recordedUntil !== undefined && recordedUntil >= nowSeconds) {
      return false;
    }
    this.entries.delete(signature);
    this.entries.set(signature, expiresAt);
    // NOTE: when the cache is full of live entries, the oldest one is dropped, so a replay of
    // that request would pass. Size the cache above the expected requests per window.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return true;
  }

  /** Drops entries from the front while they are expired; insertion order approximates expiry order. */
  private evictExpired(nowSeconds: number): void {
    for (const [signature, expiresAt] of this.entries) {
      if (expiresAt >= nowSeconds) {
        break;
      }
      this.entries.delete(signature);
    }
  }
}
