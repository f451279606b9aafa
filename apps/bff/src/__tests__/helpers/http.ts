import type { Database } from '../../db/client';
import { start, type RunningServer } from '../../server';

/** Starts the real HTTP server on a free port over an already opened database. */
export async function startTestServer(database: Database): Promise<RunningServer> {
  return start(
    { PORT: 0, HOST: '127.0.0.1', DEMO_SIZE: 'none', LOG_LEVEL: 'silent', RESULT_CACHE: 'on' },
    { database },
  );
}

export type ApiResponse<T> = { status: number; body: { success: boolean; data: T; error?: { code: string; message: string } } };

export async function getJson<T = unknown>(baseUrl: string, path: string): Promise<ApiResponse<T>> {
  const res = await fetch(`${baseUrl}${path}`);
  const body = (await res.json()) as ApiResponse<T>['body'];
  return { status: res.status, body };
}

/** GET that must succeed; returns `data`. */
export async function getData<T = unknown>(baseUrl: string, path: string): Promise<T> {
  const { status, body } = await getJson<T>(baseUrl, path);
  if (status !== 200 || !body.success) throw new Error(`GET ${path} → ${status} ${JSON.stringify(body)}`);
  return body.data;
}
