/**
 * GET /events — Server-Sent Events for the command-centre screen (issue 15): `event: data-changed` once a load
 * handed to this server has finished (common/data-events.ts), and a comment line every 25 s so that proxies keep the
 * stream open. Signed-in users only (the bearer token, any role, SCREEN included); the events carry no data, so there
 * is nothing to scope beyond the sign-in — the refetch the screen then runs is scoped as usual.
 */
import type { Request, RequestHandler, Response } from 'express';
import { onDataChanged } from '../common/data-events';
import type { AuthUser } from '../context';

export const HEARTBEAT_MS = 25_000;

export function eventsEndpoint(
  authenticate: (authorization: string | undefined) => Promise<AuthUser | null>,
  heartbeatMs = HEARTBEAT_MS,
): RequestHandler {
  return async (req: Request, res: Response): Promise<void> => {
    const user = await authenticate(req.headers.authorization).catch(() => null);
    if (!user) {
      res.status(401).json({ error: 'UNAUTHENTICATED' });
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache, no-transform');
    res.setHeader('connection', 'keep-alive');
    res.flushHeaders();
    res.write('retry: 5000\n: connected\n\n');
    const stop = onDataChanged((event) => {
      res.write(`event: data-changed\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      stop();
    };
    req.on('close', close);
    res.on('close', close);
  };
}
