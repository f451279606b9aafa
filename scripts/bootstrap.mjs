#!/usr/bin/env node
// `npm start` and `npm test` on a fresh machine: get pnpm, install what is missing, then start or test.
// Plain Node (no dependencies), because it runs before anything is installed.
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const step = (msg) => console.log(`\n▶ ${msg}`);

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, extraEnv = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (res.status !== 0) {
    console.error(`✖ ${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
}

function ensurePnpm() {
  if (has('pnpm')) return 'pnpm';
  step('installing pnpm (npm i -g pnpm@10)');
  // Corepack's signature check can fail offline, so pnpm comes from the npm registry instead.
  const global = spawnSync('npm', ['i', '-g', 'pnpm@10'], { stdio: 'inherit' });
  if (global.status === 0 && has('pnpm')) return 'pnpm';
  const local = path.join(root, 'node_modules', '.bootstrap');
  run('npm', ['i', '--no-save', '--prefix', local, 'pnpm@10']);
  return path.join(local, 'node_modules', '.bin', 'pnpm');
}

function installDependencies(pnpm) {
  step('installing dependencies (pnpm install)');
  const frozen = fs.existsSync(path.join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  run(pnpm, ['install', ...frozen]);
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const p = path.join(entry.parentPath ?? entry.path, entry.name);
    if (p.includes('node_modules') || p.includes(`${path.sep}dist${path.sep}`)) continue;
    newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildWebIfStale(pnpm) {
  const index = path.join(root, 'apps/web/dist/index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(root, 'apps/web/src')),
    newestMtime(path.join(root, 'packages/shared/src')),
    fs.statSync(path.join(root, 'apps/web/index.html')).mtimeMs,
  );
  if (built > sources) return;
  step('building the web app');
  run(pnpm, ['--filter', '@portrait/web', 'build']);
}

function ensureChromium() {
  const fonts = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  if (fs.existsSync('/usr/bin/chromium') && fs.existsSync(fonts)) return;
  step("installing Debian's chromium and fonts-noto-cjk for the browser tests");
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(
    `${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq chromium fonts-noto-cjk`,
    {
      stdio: 'inherit',
    },
  );
}

const pnpm = ensurePnpm();
installDependencies(pnpm);

if (mode === 'start') {
  buildWebIfStale(pnpm);
  step('starting Customer Portrait on http://localhost:' + (process.env.PORT ?? '3000'));
  const child = spawn(pnpm, ['--filter', '@portrait/bff', 'start'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      NODE_ENV: 'production',
      ...process.env,
      DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data'),
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (mode === 'test') {
  ensureChromium();
  step('format, lint and typecheck');
  run(pnpm, ['run', 'format:check']);
  run(pnpm, ['run', 'lint']);
  run(pnpm, ['run', 'typecheck']);
  step('unit and integration tests (vitest)');
  run(pnpm, ['run', 'test:unit']);
  step('building the web app');
  run(pnpm, ['--filter', '@portrait/web', 'build']);
  step('end-to-end tests (Playwright, Debian chromium)');
  run(pnpm, ['run', 'test:e2e']);
} else {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
