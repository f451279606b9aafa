/** The one place that reads process.env: validated once, typed everywhere else. */
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PGlite files live here when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /**
   * A read replica of DATABASE_URL (PostgreSQL streaming replication, or any read-only copy that replays the
   * primary's commits in order): the dashboards' reads go there, every write stays on DATABASE_URL.
   */
  DATABASE_READ_URL: z.string().url().optional(),
  DEMO_SIZE: z.enum(['none', 'small', 'default', 'large']).default('default'),
  DEMO_SEED: z.coerce.number().int().default(20240601),
  /** Last day of the demo data; default yesterday (Asia/Shanghai). */
  DEMO_END_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  RESULT_CACHE: z.enum(['on', 'off']).default('on'),
  /** The per-customer pass from an in-memory columnar copy of customer_store_days (off: always the SQL). */
  CUSTOMER_COLUMNS: z.enum(['on', 'off']).default('on'),
  /**
   * Before listening, run once what a fresh process's first dashboard requests would pay (connections, the read
   * path of a stored preset, the HTTP stack: features/warm-up); off only to measure what it saves.
   */
  WARM_UP: z.enum(['on', 'off']).default('on'),
  /**
   * Where each process keeps its customer columns' copy for the next one to read back in seconds (PostgreSQL;
   * features/customer-columns/snapshot-load.ts): default `portrait-columns` in the system's temporary folder, except
   * under tests; `off`: never.
   */
  COLUMNS_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** Compute the preset scopes ahead after each data change; default on, except under tests (they opt in). */
  PRECOMPUTE: z.enum(['on', 'off']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Built SPA to serve in production; default the web app's dist folder. */
  WEB_DIST: z.string().optional(),
  /** Password of the four demo users (demo mode only). */
  DEMO_PASSWORD: z.string().min(8).default('demo1234'),
  /** Outside demo mode, the first admin is created from these when there are no users yet. */
  ADMIN_USERNAME: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * How long (ms) each process may trust a session it has already checked before asking the database again: the
   * bound on how late another process sees a logout, an idle expiry or an admin's change (0 = every request).
   */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** Consecutive failed logins that lock an account, and for how long. */
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failed login attempts one address may make per 10 minutes. */
  LOGIN_RATE_PER_IP: z.coerce.number().int().min(1).default(30),
  /** Set when served over HTTPS, so the session cookie is Secure. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Trust X-Forwarded-For from this many proxies (behind a load balancer). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Optional OpenAI-compatible chat API that rewrites suggestion text; used only when all three are set. */
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  /** A folder of import files synced on SYNC_CRON and by the admins' "sync now"; unset = no sync. */
  SYNC_DIR: z.string().min(1).optional(),
  /** When to sync SYNC_DIR (cron syntax, Asia/Shanghai); default daily at 03:00. */
  SYNC_CRON: z.string().min(1).default('0 3 * * *'),
  /** Largest upload the import accepts, in MiB (all files of one upload together). */
  IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100_000).default(4096),
  /** How often each process looks at the data version for the live-refresh stream, in ms. */
  LIVE_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Set by pnpm/npm to the folder a script was started from; command-line tools resolve paths against it. */
  INIT_CWD: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

export function resolveDataDir(env: Pick<Env, 'DATA_DIR'>): string {
  return path.resolve(env.DATA_DIR);
}

/** The suggestion writer's chat API, or null when it is not configured; refuses a half-done configuration. */
export function llmSettings(env: Pick<Env, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_MODEL'>) {
  const { LLM_BASE_URL: baseUrl, LLM_API_KEY: apiKey, LLM_MODEL: model } = env;
  if (baseUrl && apiKey && model) return { baseUrl, apiKey, model };
  if (baseUrl || apiKey || model)
    throw new Error(
      'Invalid configuration:\n  set LLM_BASE_URL, LLM_API_KEY and LLM_MODEL together (or none)',
    );
  return null;
}

/** A path given on a command line, resolved against the folder the user ran `pnpm …` in. */
export function resolveFromCaller(env: Pick<Env, 'INIT_CWD'>, p: string): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), p);
}
