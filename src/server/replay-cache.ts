/**
 * Remembers the signatures of accepted requests until their timestamp leaves the window, so an
 * exact replay inside the window is rejected. Memory is bounded by `maxEntries`.
 *
 * A Map gives the lookup, and a ring of the same capacity keeps insertion order for eviction.
 * Eviction never iterates the Map: V8 leaves deleted Map entries in place until the table is
 * rehashed, so iterating from the front after many deletions skips them one by one, which made
 * every request O(cache size) in an earlier version.
 */
export class ReplayCache {
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  /** Signatures in insertion order; `head` is the oldest, `count` how many slots are in use. */
  private readonly ring: Array<string | undefined>;
  /** Expiry (Unix seconds) recorded in the ring slot with the same index. */
  private readonly ringExpiry: Float64Array;
  private head = 0;
  private count = 0;

  constructor(maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError(`Invalid \`replayCacheSize\`: expected a positive integer, received ${String(maxEntries)}.`);
    }
    this.maxEntries = maxEntries;
    this.ring = new Array<string | undefined>(maxEntries).fill(undefined);
    this.ringExpiry = new Float64Array(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Maximum number of signatures held at once. */
  get capacity(): number {
    return this.maxEntries;
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
    // NOTE: when the cache is full of live entries, the oldest one is dropped, so a replay of
    // that request would pass. Size the cache above the expected requests per window.
    if (this.count === this.maxEntries) {
      this.evictOldest();
    }
    this.entries.set(signature, expiresAt);
    const tail = (this.head + this.count) % this.maxEntries;
    this.ring[tail] = signature;
    this.ringExpiry[tail] = expiresAt;
    this.count++;
    return true;
  }

  /**
   * Drops entries from the oldest while they are expired. Insertion order approximates expiry
   * order, because a request's timestamp is within the window of the time it arrives, so an
   * expired entry behind a live one waits at most until the live one expires.
   */
  private evictExpired(nowSeconds: number): void {
    while (this.count > 0 && this.ringExpiry[this.head]! < nowSeconds) {
      this.evictOldest();
    }
  }

  private evictOldest(): void {
    const signature = this.ring[this.head]!;
    // The Map may hold a newer record of the same signature, written after this slot expired.
    if (this.entries.get(signature) === this.ringExpiry[this.head]) {
      this.entries.delete(signature);
    }
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.maxEntries;
    this.count--;
  }
}
