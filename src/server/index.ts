/**
 * The reference server (Node only, on node:http), with the public demo credentials of the
 * upstream API page that it accepts by default.
 */
export { DEMO_API_KEY, DEMO_API_SECRET } from '../demo-credentials.ts';
export {
  createReferenceServer,
  DEFAULT_MAX_BODY_BYTES,
  type ReferenceServer,
  type ReferenceServerOptions,
} from './create-reference-server.ts';
export { createLogger, type LogFields, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export { DEMO_SERIALS, loadOrderFile } from './order-store.ts';
