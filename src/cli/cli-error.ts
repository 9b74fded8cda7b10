/** A usage mistake (unknown flag, missing value); the CLI prints it with the usage hint and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of the CLI. */
export const ExitCode = {
  OK: 0,
  /** The request or check failed (API error, not found, failed MUST check, unreachable target). */
  FAILED: 1,
  USAGE: 2,
} as const;
