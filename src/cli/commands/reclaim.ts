import { parseArgs } from 'node:util';
import { createReclaimClient, type ReclaimClient } from '../../client/create-reclaim-client.ts';
import { ApiError } from '../../errors/api-error.ts';
import { OrderReclaimError } from '../../errors/order-reclaim-error.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import { ENV_BASE_URL, resolveCredentials } from '../credentials.ts';
import type { CliIo } from '../io.ts';
import { parseIntegerFlag } from '../parse-flags.ts';

export const reclaimUsage = `Usage: order-reclaim reclaim <serial> [options]

Signs and sends one reclaim request, prints the answer as JSON and exits 0 when errno is 0.

Options:
  --base-url URL        API base URL (default http://127.0.0.1:8080; env ${ENV_BASE_URL})
  --api-key KEY         API key (env ORDER_RECLAIM_API_KEY)
  --api-secret SECRET   API secret (env ORDER_RECLAIM_API_SECRET); never printed
  --demo                use the public demo key and secret of the upstream page
  --timeout-ms N        per-attempt timeout in milliseconds (default 30000)
  --debug               print the canonical body and signed message to stderr
`;

export async function runReclaim(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      demo: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      debug: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    throw new UsageError(`Expected exactly one serial, received ${positionals.length}.`);
  }
  const serial = positionals[0]!;
  const credentials = resolveCredentials(values, io.env);
  const timeoutMs = parseIntegerFlag(values['timeout-ms'], 'timeout-ms', 30_000, { min: 1 });
  let client: ReclaimClient;
  try {
    client = createReclaimClient({
      baseUrl: values['base-url'] ?? io.env[ENV_BASE_URL] ?? 'http://127.0.0.1:8080',
      ...credentials,
      timeoutMs,
      debug: values.debug === true ? (line) => io.stderr(`${line}\n`) : undefined,
    });
  } catch (error) {
    // Option errors of the SDK name its option; the user set it through a flag.
    if (error instanceof TypeError) {
      throw new UsageError(`${error.message} Set it with --base-url or ${ENV_BASE_URL}.`);
    }
    throw error;
  }

  try {
    const answer = await client.reclaimOrder({ serial });
    io.stdout(`${JSON.stringify(answer)}\n`);
    return ExitCode.OK;
  } catch (error) {
    if (!(error instanceof OrderReclaimError)) {
      throw error;
    }
    if (error instanceof ApiError) {
      io.stdout(`${JSON.stringify({ errno: error.errno, message: error.serverMessage })}\n`);
    }
    io.stderr(`${error.name} (${error.code}): ${error.message}\n`);
    return ExitCode.FAILED;
  }
}
