/** HTTP side of the benchmark: a signed-in client, timed GETs and percentile summaries. */
export type Timing = { ms: number; body: string };

export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login → ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The session's CSRF token (a POST must carry it in `x-csrf-token`). */
export async function csrfToken(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`me → ${res.status}`);
  return ((await res.json()) as { data: { csrfToken: string } }).data.csrfToken;
}

/** A timed POST without a body (e.g. "regenerate this scope's suggestions now"). */
export async function timedPost(url: string, cookie: string, csrf: string): Promise<Timing> {
  const began = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
  const body = await res.text();
  const ms = performance.now() - began;
  if (res.status !== 200) throw new Error(`POST ${url} → ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

export async function timedGet(url: string, cookie: string): Promise<Timing> {
  const began = performance.now();
  const res = await fetch(url, { headers: { cookie } });
  const body = await res.text();
  const ms = performance.now() - began;
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Collects timings by group name and prints p50 / p95 / max per group. */
export function createReport() {
  const groups = new Map<string, number[]>();
  return {
    add(group: string, ms: number) {
      const list = groups.get(group) ?? [];
      list.push(ms);
      groups.set(group, list);
    },
    values: (group: string) => groups.get(group) ?? [],
    /** Adds another report's timings (for ratios across phases). */
    merge(other: { entries: () => [string, number[]][] }) {
      for (const [group, list] of other.entries()) for (const ms of list) this.add(group, ms);
    },
    entries: () => [...groups],
    print(title: string) {
      console.log(`\n${title}`);
      for (const [group, list] of groups) {
        const f = (n: number) => `${n.toFixed(1)} ms`.padStart(11);
        console.log(
          `  ${group.padEnd(34)} n=${String(list.length).padEnd(4)} p50 ${f(percentile(list, 50))}  p95 ${f(percentile(list, 95))}  max ${f(Math.max(...list))}`,
        );
      }
    },
  };
}
export type Report = ReturnType<typeof createReport>;
