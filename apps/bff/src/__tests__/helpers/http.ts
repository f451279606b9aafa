import type { DataQuality, ImportJob, OverallQuality } from '@portrait/shared/imports';
import type { Role } from '@portrait/shared/auth';
import type { Database } from '../../db/client';
import { listStores } from '../../db/queries/meta';
import { insertUser } from '../../db/queries/users';
import { hashPassword } from '../../features/auth/passwords';
import { start, type RunningServer } from '../../server';

export const TEST_PASSWORD = 'test-password-1';

export type ApiResponse<T> = {
  status: number;
  headers: Headers;
  text: string;
  body: { success: boolean; data: T; error?: { code: string; message: string } };
};

/** A signed-in HTTP client: keeps the session cookie and sends the CSRF token on writes. */
export type Client = {
  baseUrl: string;
  cookie: string;
  csrf: string;
  request: <T = unknown>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>;
};

export type TestServer = RunningServer & {
  /** Signed in as the analyst (whole chain, no admin rights). */
  api: Client;
  as: (username: 'admin' | 'analyst' | 'executive' | 'manager') => Promise<Client>;
  managerStores: string[];
};

async function send<T>(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  let parsed: ApiResponse<T>['body'];
  try {
    parsed = JSON.parse(text) as ApiResponse<T>['body'];
  } catch {
    parsed = { success: res.ok, data: text as T };
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export const anonymous = (baseUrl: string): Client => ({
  baseUrl,
  cookie: '',
  csrf: '',
  request: (method, path, body) => send(baseUrl, method, path, {}, body),
});

export async function login(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await send<{ csrfToken: string }>(
    baseUrl,
    'POST',
    '/api/v1/auth/login',
    {},
    { username, password },
  );
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${res.text}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return sessionClient(baseUrl, cookie, res.body.data.csrfToken);
}

/** A client that sends a session's cookie, and its CSRF token on writes, to one server. */
function sessionClient(baseUrl: string, cookie: string, csrf: string): Client {
  return {
    baseUrl,
    cookie,
    csrf,
    request: (method, path, body) =>
      send(baseUrl, method, path, { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) }, body),
  };
}

/** The four roles, with the manager on the first two stores of the first city (by store id). */
export async function seedTestUsers(database: Database): Promise<{ managerStores: string[] }> {
  const stores = await listStores(database.db);
  const city = stores[0]?.city;
  const managerStores = stores
    .filter((s) => s.city === city)
    .slice(0, 2)
    .map((s) => s.id);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users: { username: string; role: Role; stores: string[] }[] = [
    { username: 'admin', role: 'admin', stores: [] },
    { username: 'analyst', role: 'analyst', stores: [] },
    { username: 'executive', role: 'executive', stores: [] },
    { username: 'manager', role: 'store_manager', stores: managerStores },
  ];
  for (const u of users) await insertUser(database.db, { ...u, displayName: null, passwordHash });
  return { managerStores };
}

/** Starts the real HTTP server on a free port over an already loaded database, with the four test users. */
export async function startTestServer(
  database: Database,
  env: Parameters<typeof start>[0] = {},
  opts: Omit<NonNullable<Parameters<typeof start>[1]>, 'database'> = {},
): Promise<TestServer> {
  const { managerStores } = await seedTestUsers(database);
  const server = await start(
    { PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent', RESULT_CACHE: 'on', ...env },
    { ...opts, database },
  );
  return {
    ...server,
    api: await login(server.url, 'analyst'),
    as: (username) => login(server.url, username),
    managerStores,
  };
}

export async function getJson<T = unknown>(client: Client, path: string): Promise<ApiResponse<T>> {
  return client.request<T>('GET', path);
}

/** GET that must succeed; returns `data`. */
export async function getData<T = unknown>(client: Client, path: string): Promise<T> {
  const { status, body, text } = await client.request<T>('GET', path);
  if (status !== 200 || !body.success) throw new Error(`GET ${path} → ${status} ${text}`);
  return body.data;
}

/** The same signed-in session sent to another server (another BFF process behind the same load balancer). */
export function sameSessionOn(client: Client, baseUrl: string): Client {
  return sessionClient(baseUrl, client.cookie, client.csrf);
}

/** Reads the live-refresh stream (server-sent events) until `until` holds for the data versions announced. */
export async function liveVersions(
  client: Client,
  until: (versions: number[]) => boolean,
): Promise<number[]> {
  const controller = new AbortController();
  const res = await fetch(`${client.baseUrl}/api/v1/live`, {
    headers: { cookie: client.cookie },
    signal: controller.signal,
  });
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) throw new Error(`live stream answered ${res.status} ${type}`);
  const versions: number[] = [];
  const reader = res.body!.getReader();
  let text = '';
  while (!until(versions)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
    const events = text.split('\n\n');
    text = events.pop() ?? '';
    for (const e of events) {
      const data = /^event: version\ndata: (.*)$/m.exec(e);
      if (data) versions.push((JSON.parse(data[1]!) as { dataVersion: number }).dataVersion);
    }
  }
  controller.abort();
  return versions;
}

/** Uploads files to the admin import endpoint as a browser would (multipart). */
export async function upload(client: Client, files: Record<string, string>) {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) form.append('files', new Blob([text]), name);
  const res = await fetch(`${client.baseUrl}/api/v1/admin/imports`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as { data: ImportJob; error?: { message: string } } };
}

/** Polls an import job until it has finished (at most a minute). */
export async function waitForJob(client: Client, id: number): Promise<ImportJob> {
  for (let i = 0; i < 600; i++) {
    const job = await getData<ImportJob>(client, `/api/v1/admin/imports/${id}`);
    if (!['queued', 'running'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

/** The data-quality page once the current data's report is stored (it answers "computing" until then). */
export async function readyQuality(client: Client): Promise<DataQuality & { overall: OverallQuality }> {
  for (let i = 0; i < 600; i++) {
    const report = await getData<DataQuality>(client, '/api/v1/data-quality');
    if (report.state === 'ready' && report.overall) return { ...report, overall: report.overall };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the data-quality report was not ready in 60 s');
}
