import { createReferenceServer, type ReferenceServer, type ReferenceServerOptions } from '../../../src/server/create-reference-server.ts';
import { createLogger, type LogLevel } from '../../../src/server/logger.ts';

export interface StartedServer {
  reference: ReferenceServer;
  url: string;
  port: number;
  /** Every log line the server wrote. */
  lines: string[];
}

/** Starts a reference server on 127.0.0.1 at a free port, capturing its log lines. */
export async function startServer(options: ReferenceServerOptions = {}, level: LogLevel = 'debug'): Promise<StartedServer> {
  const lines: string[] = [];
  const reference = createReferenceServer({ logger: createLogger({ level, write: (line) => lines.push(line) }), ...options });
  const url = await reference.listen({ port: 0, host: '127.0.0.1' });
  return { reference, url, port: Number(new URL(url).port), lines };
}
