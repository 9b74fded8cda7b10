import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ALL_CHECKS } from '../../../conformance/checks/index.ts';
import { formatAborted, formatJunit, formatOutcomeLine, formatSummary } from '../../../conformance/runner/format-report.ts';
import { runConformance } from '../../../conformance/runner/run-conformance.ts';
import type { Target } from '../../../conformance/runner/types.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../demo-credentials.ts';
import { createReferenceServer, type ReferenceServer } from '../../server/create-reference-server.ts';
import { FAULT_NAMES, isFaultName } from '../../server/faults.ts';
import { createLogger } from '../../server/logger.ts';
import { DEMO_SERIALS } from '../../server/order-store.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import { ENV_BASE_URL, resolveCredentials } from '../credentials.ts';
import type { CliIo } from '../io.ts';
import { parseIntegerFlag } from '../parse-flags.ts';

export const conformanceUsage = `Usage: order-reclaim conformance [options]

Checks an implementation of the Order Reclaim API against the contract. Without --base-url it
starts the built-in reference server on 127.0.0.1 at a free port and checks that.
Exit code 0 when every MUST check passes (with --strict, every SHOULD check too), 1 otherwise,
also when the target is down, does not answer within --timeout-ms, or is not this API.

Options:
  --base-url URL        the implementation to check (env ${ENV_BASE_URL})
  --api-key KEY         API key (env ORDER_RECLAIM_API_KEY)
  --api-secret SECRET   API secret (env ORDER_RECLAIM_API_SECRET); never printed
  --demo                use the public demo key and secret of the upstream page
  --known-serial SERIAL a serial that exists on the target
  --allow-reclaim       really reclaim --known-serial (a live run never reclaims otherwise)
  --strict              count SHOULD failures as failures
  --timeout-ms N        per-request timeout in milliseconds (default 5000)
  --json                print the report as JSON instead of text
  --junit FILE          also write a JUnit XML report to FILE
  --fault NAME          without --base-url: start the built-in server with a deliberate fault, to
                        see the check that catches it fail (repeatable): ${FAULT_NAMES.join(', ')}
`;

export async function runConformanceCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      'api-secret': { type: 'string' },
      demo: { type: 'boolean' },
      'known-serial': { type: 'string' },
      'allow-reclaim': { type: 'boolean' },
      strict: { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean' },
      junit: { type: 'string' },
      fault: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const baseUrl = values['base-url'] ?? io.env[ENV_BASE_URL];
  const timeoutMs = parseIntegerFlag(values['timeout-ms'], 'timeout-ms', 5_000);
  if (timeoutMs === 0) {
    throw new UsageError('Invalid --timeout-ms "0": expected a positive number of milliseconds.');
  }

  const faults = values.fault ?? [];
  const unknownFault = faults.find((name) => !isFaultName(name));
  if (unknownFault !== undefined) {
    throw new UsageError(`Invalid --fault ${JSON.stringify(unknownFault)}: expected one of ${FAULT_NAMES.join(', ')}.`);
  }
  if (faults.length > 0 && baseUrl !== undefined) {
    throw new UsageError('--fault applies to the built-in server only; drop --base-url to use it.');
  }

  let reference: ReferenceServer | undefined;
  let target: Target;
  if (baseUrl === undefined) {
    reference = createReferenceServer({ logger: createLogger({ level: 'silent' }), faults: faults.filter(isFaultName) });
    const url = await reference.listen({ port: 0, host: '127.0.0.1' });
    target = { baseUrl: url, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, knownSerial: DEMO_SERIALS[0], allowReclaim: true, timeoutMs, clock: Date.now };
    if (!values.json) {
      io.stdout(`Started the built-in reference server at ${url}${faults.length > 0 ? ` with faults ${faults.join(', ')}` : ''}\n`);
    }
  } else {
    assertHttpUrl(baseUrl);
    target = {
      baseUrl,
      ...resolveCredentials(values, io.env),
      knownSerial: values['known-serial'],
      allowReclaim: values['allow-reclaim'] ?? false,
      timeoutMs,
      clock: Date.now,
    };
  }

  try {
    const strict = values.strict ?? false;
    if (!values.json) {
      io.stdout(`Checking ${target.baseUrl}\n\n`);
    }
    const report = await runConformance(target, {
      checks: ALL_CHECKS,
      strict,
      onOutcome: values.json ? undefined : (outcome) => io.stdout(formatOutcomeLine(outcome, target.baseUrl)),
    });
    if (values.json) {
      io.stdout(`${JSON.stringify(report, (key, value: unknown) => (key === 'request' ? undefined : value), 2)}\n`);
    } else if (report.aborted !== undefined && report.outcomes.length === 0) {
      io.stderr(formatAborted(report));
    } else {
      io.stdout(formatSummary(report, strict));
    }
    if (values.junit !== undefined) {
      await writeFile(values.junit, formatJunit(report));
    }
    return report.passed ? ExitCode.OK : ExitCode.FAILED;
  } finally {
    await reference?.close({ graceMs: 1_000 });
  }
}

function assertHttpUrl(value: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`Invalid --base-url ${JSON.stringify(value)}: expected an http or https URL such as http://127.0.0.1:8080.`);
  }
}
