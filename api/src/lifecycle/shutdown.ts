import type { Server } from 'node:http';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';

type Closable = { close(): Promise<void> };

const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections and waits for in-flight requests, stops scheduled jobs and the ORM
 * (Nest's shutdown hooks), and only then closes the database endpoint, so the embedded database is
 * flushed after the last write.
 */
export async function shutdownGracefully(
  app: INestApplication | INestApplicationContext,
  database: Closable,
): Promise<void> {
  try {
    if ('getHttpServer' in app) await drainHttpServer(app.getHttpServer() as Server);
    await app.close();
  } finally {
    await database.close();
  }
}

/** server.close() waits for every open connection: keep-alive ones that finish a request are closed as they go idle. */
async function drainHttpServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  } finally {
    clearInterval(sweep);
  }
}
