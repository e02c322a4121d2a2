/**
 * What the HTTP server does for itself against slow and hostile clients (issue 13 §3): Node's timeouts and caps on
 * the server, security headers and CORS on every answer, and one JSON error for whatever express refuses (a body too
 * large, JSON that does not parse) — never express's HTML page with a stack trace.
 */
import http from 'node:http';
import type { AppConfig } from '@c12315/store';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';

export interface HttpLimits {
  /** A client must send its whole header within this time (slowloris), ms. */
  headersTimeout: number;
  /** … and its whole request, body included, ms. */
  requestTimeout: number;
  /** An idle keep-alive connection is closed after this, ms. */
  keepAliveTimeout: number;
  /** How often Node checks the two timeouts above, ms. */
  connectionsCheckingInterval: number;
  maxHeadersCount: number;
  /** Open connections at most; further ones are closed at once. */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
  maxHeadersCount: 100,
  maxConnections: 2_000,
};

/** Request body limits, stated in the README. */
export const BODY_LIMITS = { graphql: '256kb', internalLoads: '1mb' } as const;

/** The HTTP server for `app`, with the limits above (main.ts and the tests' server). */
export function createHttpServer(app: Express, limits: HttpLimits = HTTP_LIMITS): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: limits.connectionsCheckingInterval,
      maxHeaderSize: 16 * 1024,
    },
    app,
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  server.maxConnections = limits.maxConnections;
  return server;
}

/**
 * The dashboard's own files only: scripts and styles from this origin (React sets styles as properties, Recharts
 * writes style attributes, hence 'unsafe-inline' for styles alone), data: images (chart exports), no framing.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    next();
  };
}

/**
 * CORS closed unless CORS_ORIGINS lists the caller's origin: then that origin (never "*") may call /graphql and the
 * exports with its Authorization header. A preflight from another origin is refused with 403.
 */
export function cors(config: Pick<AppConfig, 'corsOrigins'>): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    const ok = typeof origin === 'string' && allowed.has(origin);
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Content-Disposition');
    }
    if (req.method === 'OPTIONS' && origin !== undefined) {
      if (!ok) {
        res.status(403).json({ error: { code: 'FORBIDDEN', message: 'cross-origin requests from this origin are not allowed' } });
        return;
      }
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Express's refusals (body-parser's `type`) as JSON naming the reason; anything else a generic 500 with a reference. */
export const errorAsJson: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const e = error as { status?: number; type?: string; limit?: number };
  if (e.type === 'entity.too.large') {
    res.status(413).json({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `request body over the limit of ${e.limit} bytes (请求体超过 ${e.limit} 字节上限)`,
      },
    });
    return;
  }
  if (e.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'the body is not valid JSON (请求体不是有效的 JSON)' } });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    res.status(e.status).json({ error: { code: 'BAD_REQUEST', message: 'the request could not be read (请求无法读取)' } });
    return;
  }
  const reference = Math.random().toString(36).slice(2, 10);
  console.error(`[http error ${reference}]`, error);
  res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: `internal error (reference ${reference})` } });
};
