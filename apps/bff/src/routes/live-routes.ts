import type { Db } from '../db/client';
import { findLiveSession } from '../db/queries/sessions';
import type { LiveVersion } from '../features/live/live-version';
import type { RouteDef } from './route-table';

const HEARTBEAT_MS = 25_000;
const SESSION_CHECK_MS = 30_000;

/**
 * Server-sent events: `event: version` with `{"dataVersion": n}` on connect and whenever the data changes, so
 * open dashboards refetch. The stream does not keep the session alive: it checks the session without touching
 * it and ends with `event: signed-out` when the session has expired.
 */
export function liveRoutes(db: Db, live: LiveVersion, idleMinutes: number): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/live',
      access: 'signed_in',
      handler: async ({ req, res, viewer }) => {
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // Proxies (nginx) must not buffer the stream.
          'x-accel-buffering': 'no',
        });
        const send = (version: number) =>
          res.write(`event: version\ndata: ${JSON.stringify({ dataVersion: version })}\n\n`);
        res.write('retry: 5000\n\n');
        send(await live.current());
        const unsubscribe = live.subscribe(send);
        const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
        const sessionCheck = setInterval(() => {
          findLiveSession(db, viewer.tokenHash, idleMinutes)
            .then((session) => {
              if (session) return;
              res.write('event: signed-out\ndata: {}\n\n');
              res.end();
            })
            .catch(() => undefined);
        }, SESSION_CHECK_MS);
        req.on('close', () => {
          unsubscribe();
          clearInterval(heartbeat);
          clearInterval(sessionCheck);
        });
        return null;
      },
    },
  ];
}
