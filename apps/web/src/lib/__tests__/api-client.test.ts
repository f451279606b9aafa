import { kpisSchema } from '@portrait/shared/portrait';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet } from '../api-client';
import { shouldRetry } from '../query-client';

function respond(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const kv = { value: 1, previous: null, change: null };
const kpis = {
  orders: kv,
  revenue: kv,
  avgOrderValue: kv,
  activeCustomers: kv,
  totalCustomers: kv,
  newCustomers: kv,
  repurchaseRate: kv,
  ltv: kv,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiGet', () => {
  it('When the BFF answers a success envelope, Then the validated data comes back', async () => {
    const fetchMock = respond(200, { success: true, data: kpis });
    const params = new URLSearchParams([
      ['from', '2025-06-01'],
      ['to', '2025-06-30'],
      ['city', '上海'],
    ]);
    await expect(apiGet('/portrait/kpis', kpisSchema, { params })).resolves.toEqual(kpis);
    expect(fetchMock.mock.calls[0]?.[0]).toBe(
      '/api/v1/portrait/kpis?from=2025-06-01&to=2025-06-30&city=%E4%B8%8A%E6%B5%B7',
    );
  });

  it('When the BFF answers an error envelope, Then an ApiError carries its message and code', async () => {
    respond(400, {
      success: false,
      error: { code: 'bad_request', message: 'from (2025-07-01) is after to' },
    });
    const error = await apiGet('/portrait/kpis', kpisSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      kind: 'server',
      status: 400,
      code: 'bad_request',
      message: 'from (2025-07-01) is after to',
    });
    expect((error as ApiError).transient).toBe(false);
  });

  it('When a gateway answers without an envelope, Then the error says HTTP and is worth retrying', async () => {
    respond(502, '<html>Bad gateway</html>');
    const error = await apiGet('/meta/filters', z.unknown()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect((error as ApiError).transient).toBe(true);
  });

  it('When the data breaks the shared contract, Then it is rejected as invalid', async () => {
    respond(200, { success: true, data: { ...kpis, orders: { value: 'many' } } });
    await expect(apiGet('/portrait/kpis', kpisSchema)).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('When the network fails, Then the error is a transient network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await apiGet('/meta/filters', z.unknown()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network' });
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
  });

  it('When the server is too slow, Then the request gives up with a timeout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      ),
    );
    await expect(apiGet('/meta/filters', z.unknown(), { timeoutMs: 10 })).rejects.toMatchObject({
      kind: 'timeout',
    });
  });

  it('When react-query cancels, Then the abort propagates and is not turned into an error to show', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      ),
    );
    const controller = new AbortController();
    const pending = apiGet('/meta/filters', z.unknown(), { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
  });

  it('When a request fails with a 4xx, Then it is never retried', () => {
    expect(shouldRetry(0, new ApiError('server', 'bad', 400, 'bad_request'))).toBe(false);
    expect(shouldRetry(0, new ApiError('invalid', 'bad'))).toBe(false);
    expect(shouldRetry(0, new Error('other'))).toBe(false);
  });
});
