import { errorEnvelopeSchema, successEnvelopeSchema } from '@portrait/shared/envelope';
import { z } from 'zod';

export const API_BASE = '/api/v1';
/** Phones on a poor network: give up after this long and let the user retry. */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Why a request failed. `server`: the BFF answered with an error envelope (its message is for the user);
 * `http`: an error status without an envelope (proxy, gateway); `network` / `timeout`: no answer;
 * `invalid`: the answer did not match the shared contract.
 */
export type ApiErrorKind = 'server' | 'http' | 'network' | 'timeout' | 'invalid';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }

  /** Worth retrying automatically: the request may succeed a moment later. */
  get transient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      ((this.kind === 'http' || this.kind === 'server') && (this.status ?? 0) >= 500)
    );
  }
}

type RequestOptions = {
  params?: URLSearchParams;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** JSON body (POST, PUT). */
  body?: unknown;
  /** Sent as `x-csrf-token` on every state-changing request. */
  csrfToken?: string;
};

/** GET `/api/v1{path}`, unwrap the envelope and validate `data` against the shared schema. */
export function apiGet<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
  return apiRequest('GET', path, schema, options);
}

/** POST JSON to `/api/v1{path}` (with the CSRF token), unwrap and validate like apiGet. */
export function apiPost<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
  return apiRequest('POST', path, schema, options);
}

/** PUT JSON to `/api/v1{path}` (with the CSRF token), unwrap and validate like apiGet. */
export function apiPut<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}) {
  return apiRequest('PUT', path, schema, options);
}

async function apiRequest<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  schema: S,
  { params, signal, timeoutMs = REQUEST_TIMEOUT_MS, body, csrfToken }: RequestOptions,
): Promise<z.output<S>> {
  const query = params?.toString();
  const url = `${API_BASE}${path}${query ? `?${query}` : ''}`;
  const what = `${method} ${path}`;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });

  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller.signal,
    });
    payload = parseJson(await response.text());
  } catch (error) {
    if (signal?.aborted) throw error; // react-query cancelled it; not a failure to show.
    if (timedOut) throw new ApiError('timeout', `${what} timed out after ${timeoutMs} ms`);
    throw new ApiError('network', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }

  const failure = errorEnvelopeSchema.safeParse(payload);
  if (failure.success) {
    throw new ApiError('server', failure.data.error.message, response.status, failure.data.error.code);
  }
  if (!response.ok) {
    throw new ApiError('http', `${what} answered HTTP ${response.status}`, response.status);
  }
  const envelope = successEnvelopeSchema(z.unknown()).safeParse(payload);
  const parsed = envelope.success ? schema.safeParse(envelope.data.data) : envelope;
  if (!parsed.success) {
    throw new ApiError('invalid', `${what}: ${parsed.error.message}`, response.status);
  }
  return parsed.data as z.output<S>;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
