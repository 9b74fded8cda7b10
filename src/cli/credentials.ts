import { DEMO_API_KEY, DEMO_API_SECRET } from '../demo-credentials.ts';
import { UsageError } from './cli-error.ts';

export const ENV_API_KEY = 'ORDER_RECLAIM_API_KEY';
export const ENV_API_SECRET = 'ORDER_RECLAIM_API_SECRET';
export const ENV_BASE_URL = 'ORDER_RECLAIM_BASE_URL';

export interface CredentialFlags {
  'api-key'?: string;
  'api-secret'?: string;
  demo?: boolean;
}

/**
 * Resolves credentials from flags, then the environment, then `--demo` (the public pair of the
 * upstream page). Errors name the flag and the variable, never a value.
 */
export function resolveCredentials(flags: CredentialFlags, env: Record<string, string | undefined>): { apiKey: string; apiSecret: string } {
  if (flags.demo === true) {
    return { apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET };
  }
  const apiKey = flags['api-key'] ?? env[ENV_API_KEY];
  const apiSecret = flags['api-secret'] ?? env[ENV_API_SECRET];
  if (apiKey === undefined || apiKey === '') {
    throw new UsageError(`Missing API key: pass --api-key or set ${ENV_API_KEY} (or --demo for the public demo credentials).`);
  }
  if (apiSecret === undefined || apiSecret === '') {
    throw new UsageError(`Missing API secret: pass --api-secret or set ${ENV_API_SECRET} (or --demo for the public demo credentials).`);
  }
  return { apiKey, apiSecret };
}
