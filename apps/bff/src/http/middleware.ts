/**
 * The HTTP layer every request passes through, in the order app.ts mounts it: security headers, one log line per
 * request, compression, the login throttle, and the error handler that turns failures into the API's JSON errors.
 */
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Db } from '../db/client';
import { DatabaseThrottleStore } from '../features/auth/login-throttle-store';
import { FIRST_VIEW_SCRIPT_SRCS } from '../features/meta/index-html';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The only inline scripts: index.html's first-view language and app start (features/meta/index-html.ts).
        scriptSrc: ["'self'", ...FIRST_VIEW_SCRIPT_SRCS],
        // antd's CSS-in-JS injects <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    // One short line per request: never the headers (the session cookie is a credential), and cheap to write
    // at a thousand requests a second.
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/**
 * gzip/brotli for the bundle and the JSON answers (≈ 3–4× smaller on a phone's network); never for the live
 * stream, which must reach the browser event by event.
 */
export function responseCompression(): RequestHandler {
  return compression({
    filter: (req, res) =>
      !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream') &&
      compression.filter(req, res),
  });
}

/**
 * Failed logins per address, counted in the database so the limit holds across processes; per account, repeated
 * failures lock the account (session-service).
 */
export function loginThrottle(db: Db, limitPerIp: number): RequestHandler {
  return rateLimit({
    store: new DatabaseThrottleStore(db),
    windowMs: 10 * 60_000,
    limit: limitPerIp,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({
        success: false,
        error: {
          code: 'too_many_requests',
          message: 'too many failed logins from this address; wait 10 minutes',
        },
      });
    },
  });
}

/** AppErrors and other 4xx as the API's JSON error; anything else is logged and answered 500 without details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ success: false, error: { code: err.code, message: err.message } });
      return;
    }
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : 500;
    if (status >= 400 && status < 500) {
      const message = err instanceof Error ? err.message : 'bad request';
      res.status(status).json({ success: false, error: { code: 'bad_request', message } });
      return;
    }
    (req.log ?? logger).error({ err }, 'unhandled error');
    res.status(500).json({ success: false, error: { code: 'internal', message: 'internal error' } });
  };
}
