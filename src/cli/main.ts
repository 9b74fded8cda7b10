import { ExitCode, UsageError } from './cli-error.ts';
import { runConformanceCommand, conformanceUsage } from './commands/conformance.ts';
import { reclaimUsage, runReclaim } from './commands/reclaim.ts';
import { runServe, serveUsage } from './commands/serve.ts';
import { runSign, signUsage } from './commands/sign.ts';
import { runVerify, verifyUsage } from './commands/verify.ts';
import { type CliIo, processIo } from './io.ts';

interface Command {
  run: (args: string[], io: CliIo) => Promise<number>;
  usage: string;
  summary: string;
}

const COMMANDS: Record<string, Command> = {
  serve: { run: runServe, usage: serveUsage, summary: 'run the reference server' },
  reclaim: { run: runReclaim, usage: reclaimUsage, summary: 'sign and send one reclaim request' },
  conformance: { run: runConformanceCommand, usage: conformanceUsage, summary: 'check an implementation against the contract' },
  sign: { run: runSign, usage: signUsage, summary: 'print the canonical body, signature and curl command for a JSON body' },
  verify: { run: runVerify, usage: verifyUsage, summary: 'explain why a captured request does not verify' },
};

const MAIN_USAGE = `Usage: order-reclaim <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
  .join('\n')}

Run "order-reclaim <command> --help" for the options of a command.
`;

/** Runs the CLI and returns the exit code; exported for tests. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(MAIN_USAGE);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`Unknown command ${JSON.stringify(name)}.\n\n${MAIN_USAGE}`);
    return ExitCode.USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(command.usage);
    return ExitCode.OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${(error as Error).message}\n\n${command.usage}`);
      return ExitCode.USAGE;
    }
    io.stderr(`order-reclaim ${name} failed: ${(error as Error).message}\n`);
    return ExitCode.FAILED;
  }
}
