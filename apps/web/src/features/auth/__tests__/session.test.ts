import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiGet } from '../../../lib/api-client';
import { createQueryClient, SESSION_QUERY_KEY } from '../../../lib/query-client';
import { getMe } from '../api/get-me';
import { login } from '../api/login';
import { logout } from '../api/logout';

const me = {
  user: { id: 2, username: 'analyst', displayName: '营销分析师', role: 'analyst', stores: [] },
  csrfToken: 'token-123',
};

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('session', () => {
  it('When nobody is signed in (401), Then the session reads as null instead of an error', async () => {
    respond(401, {
      success: false,
      error: { code: 'unauthorized', message: 'sign in first (no valid session)' },
    });
    await expect(getMe()).resolves.toBeNull();
  });

  it('When a user is signed in, Then the session carries the user and the CSRF token', async () => {
    respond(200, { success: true, data: me });
    await expect(getMe()).resolves.toEqual(me);
  });

  it('When the server fails, Then the session check fails instead of signing the user out', async () => {
    respond(503, { success: false, error: { code: 'unavailable', message: 'database is starting' } });
    await expect(getMe()).rejects.toMatchObject({ kind: 'server', status: 503 });
  });

  it('When signing in, Then the credentials are posted as JSON', async () => {
    const fetchMock = respond(200, { success: true, data: me });
    await login({ username: 'analyst', password: 'demo1234' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'analyst', password: 'demo1234' });
  });

  it('When signing out, Then the CSRF token goes along in the x-csrf-token header', async () => {
    const fetchMock = respond(200, { success: true, data: { signedOut: true } });
    await logout('token-123');
    const headers = fetchMock.mock.calls[0]?.[1]?.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('token-123');
  });

  it('When any panel gets a 401, Then the cached session is cleared so the sign-in form shows', async () => {
    respond(401, {
      success: false,
      error: { code: 'unauthorized', message: 'sign in first (no valid session)' },
    });
    const client = createQueryClient();
    client.setQueryData(SESSION_QUERY_KEY, me);
    await client
      .fetchQuery({
        queryKey: ['portrait', 'kpis', {}],
        queryFn: () => apiGet('/portrait/kpis', z.unknown()),
      })
      .catch(() => undefined);
    expect(client.getQueryData(SESSION_QUERY_KEY)).toBeNull();
  });
});
