/**
 * The HTTP surface: GET /healthz, POST /graphql (Apollo Server 5), POST /internal/loads (local ETL hand-off), POST /internal/backups (local backup hand-off), GET /events (data-change events) and the
 * feature exports. Authentication happens once per request here; every resolver and export checks the scope itself.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { AppConfig, ClickHouseClient } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import express, { type Express, type Request, type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { assertNotScreen, screenRolePlugin } from '../auth/screen-role';
import { exportErrors, sendExportError } from '../common/export-route';
import { storeGate } from '../common/load-gate';
import type { AppContext, AuthUser } from '../context';
import type { NoticeMailer } from '../notices/notice-mail';
import { backupEndpoint } from './backup-endpoint';
import { mountDashboard } from './dashboard-files';
import { eventsEndpoint } from './events-endpoint';
import { clientErrorStatusPlugin, formatError } from './format-error';
import { BODY_LIMITS, cors, errorAsJson, securityHeaders } from './http-hardening';
import { costLimitPlugin, MAX_DEPTH } from './limits';
import { loadEndpoint } from './load-endpoint';
import { readSectionPlugin } from './read-section';

export interface AppDeps {
  config: AppConfig;
  ch: ClickHouseClient;
  orm: MikroORM;
  schema: GraphQLSchema;
  /** Resolves the Authorization header to a user (null when absent); throws UNAUTHENTICATED for a bad token. */
  authenticate: (authorization: string | undefined) => Promise<AuthUser | null>;
  localToken: string;
  /** Feature routes mounted behind authentication (e.g. CSV exports), keyed by path. */
  exports?: Record<string, RequestHandler>;
  /** The dashboard's build directory (served at `/`; until built, a page saying how to build it). */
  staticDir?: string;
  /** Mails a published month's 通报 (present when SMTP_URL is set). */
  noticeMailer?: NoticeMailer;
}

declare global {
  // biome-ignore lint/suspicious/noRedeclare: augments Express's own Request interface
  namespace Express {
    interface Request {
      /** Set by the export routes' authentication before the feature handler runs. */
      user?: AuthUser | null;
    }
  }
}

export async function createApp(deps: AppDeps): Promise<{ app: Express; apollo: ApolloServer<AppContext> }> {
  const apollo = new ApolloServer<AppContext>({
    schema: deps.schema,
    introspection: !deps.config.production,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_DEPTH)],
    // Apollo's default cache-control plugin would wrap every field's resolver to collect @cacheControl hints the schema
    // does not have (a tenth of a cached answer's CPU); answers are cached by read-cache.ts, not by HTTP caches.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      costLimitPlugin(() => deps.schema),
      screenRolePlugin(),
      readSectionPlugin(storeGate),
      clientErrorStatusPlugin(),
    ],
    formatError,
    // main.ts owns shutdown (removes the server handle, closes the stores, exits 0). Apollo's own SIGTERM handler
    // would re-send the signal to the process as soon as Apollo stopped, killing it before the stores are closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  // Whose X-Forwarded-For names the client (req.ip: the login rate limit, the audit log): TRUST_PROXY, README.
  app.set('trust proxy', deps.config.trustProxy);
  app.use(securityHeaders(), cors(deps.config));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post(
    '/internal/loads',
    express.json({ limit: BODY_LIMITS.internalLoads }),
    loadEndpoint({ ch: deps.ch, orm: deps.orm, localToken: deps.localToken, dataDir: deps.config.dataDir }),
  );
  app.post(
    '/internal/backups',
    express.json({ limit: '16kb' }),
    backupEndpoint({ ch: deps.ch, orm: deps.orm, config: deps.config, localToken: deps.localToken }),
  );
  app.get('/events', eventsEndpoint(deps.authenticate));
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMITS.graphql }),
    expressMiddleware(apollo, {
      context: async ({ req }: { req: Request }): Promise<AppContext> => ({
        // A bad or expired token leaves the request anonymous: resolvers then answer UNAUTHENTICATED, and `login` still works.
        user: await deps.authenticate(req.headers.authorization).catch(() => null),
        ch: deps.ch,
        orm: deps.orm,
        em: deps.orm.em.fork(),
        config: deps.config,
        ip: req.ip ?? '',
        noticeMailer: deps.noticeMailer,
      }),
    }),
  );
  for (const [route, handler] of Object.entries(deps.exports ?? {})) {
    app.get(route, async (req, res, next) => {
      const refuse = (message: string) => res.status(401).json({ error: { code: 'UNAUTHENTICATED', message } });
      try {
        req.user = await deps.authenticate(req.headers.authorization);
      } catch {
        refuse(exportErrors.badToken);
        return;
      }
      if (!req.user) {
        refuse(exportErrors.signInRequired);
        return;
      }
      try {
        assertNotScreen(req.user, route);
      } catch (error) {
        if (!sendExportError(res, error)) throw error;
        return;
      }
      return handler(req, res, next);
    });
  }
  if (deps.staticDir) mountDashboard(app, deps.staticDir);
  app.use(errorAsJson);
  return { app, apollo };
}
