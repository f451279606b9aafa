import { start } from './src/server';
const s = await start({ PORT: 0, HOST: '127.0.0.1', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/wt5_scratch', DEMO_SIZE: 'small', DEMO_SEED: 7, DEMO_END_DATE: '2026-11-24', LOG_LEVEL: 'warn' });
const login = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'analyst', password: 'demo1234' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const q = process.argv[2] ?? 'from=2026-10-26&to=2026-11-24';
const t = Date.now();
const res = await (await fetch(`${s.url}/api/v1/portrait/suggestions?${q}`, { headers: { cookie } })).json();
console.log('ms', Date.now() - t);
for (const x of res.data.suggestions) {
  console.log(`[${x.priority}] ${x.type} size=${x.targetSize} stake=${x.valueAtStake} effect=${x.expectedEffect.low}-${x.expectedEffect.high}`);
  console.log('  ', x.title.zh, '|', x.content.zh);
  console.log('  ', x.title.en, '|', x.content.en);
  console.log('  ', x.expectedEffect.assumption.zh);
}
await s.stop();
