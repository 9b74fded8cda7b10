import autocannon from 'autocannon';
import { createRequestMix, type MixCounts, type RequestKind } from './signed-request-mix.ts';

export interface LoadResult {
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds, from every response (autocannon's own histogram has 1 ms resolution). */
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
  /** Connection errors and timeouts, as autocannon counts them. */
  socketErrors: number;
  timeouts: number;
  counts: MixCounts;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  schedule: readonly RequestKind[];
}

/** Runs autocannon against `url` with a signed request mix and measures every response's latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { requests, counts } = createRequestMix(options.schedule);
  let latencies = new Float64Array(1 << 16);
  let recorded = 0;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    requests,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    if (recorded === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[recorded++] = responseTimeMs;
  });
  const stop = (): void => instance.stop();
  process.once('SIGINT', stop);
  const result = await instance;
  process.off('SIGINT', stop);

  const sorted = latencies.subarray(0, recorded).sort();
  const percentile = (fraction: number): number => (recorded === 0 ? Number.NaN : sorted[Math.min(recorded - 1, Math.floor(fraction * recorded))]!);
  return {
    durationSeconds: result.duration,
    requests: recorded,
    requestsPerSecond: recorded / result.duration,
    latencyMs: { p50: percentile(0.5), p90: percentile(0.9), p99: percentile(0.99), p999: percentile(0.999), max: sorted[recorded - 1] ?? Number.NaN },
    socketErrors: result.errors,
    timeouts: result.timeouts,
    counts,
  };
}
