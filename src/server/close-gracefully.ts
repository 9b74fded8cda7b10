import type { Server } from 'node:http';
import type { Logger } from './logger.ts';

/** How often idle keep-alive connections are closed while requests in flight finish. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections, closes idle keep-alive connections, waits for requests in flight,
 * and after `graceMs` closes whatever is still open.
 */
export async function closeGracefully(server: Server, logger: Logger, graceMs: number): Promise<void> {
  if (!server.listening) {
    return;
  }
  logger.info('stopping', { graceMs });
  const started = performance.now();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  let cut = false;
  const deadline = setTimeout(() => {
    cut = true;
    logger.warn('grace period over, closing open connections', { graceMs });
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idleSweep);
    clearTimeout(deadline);
  }
  logger.info('stopped', { ms: (performance.now() - started).toFixed(0), cutConnections: cut });
}
