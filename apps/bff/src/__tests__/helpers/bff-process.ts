/** Starts the BFF as a real child process (src/main.ts), as a load balancer would have several of them. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BFF_DIR = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(BFF_DIR, 'src/main.ts');

export type BffProcess = { url: string; child: ChildProcess; stop: () => Promise<void> };

export async function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portrait-bff-'));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env },
    // tsx resolves from the BFF package.
    cwd: BFF_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /"url":"http:\/\/localhost:(\d+)".*customer portrait is listening/.exec(output);
      if (listening) {
        child.stdout?.off('data', onData);
        resolve(`http://127.0.0.1:${listening[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`BFF exited with ${code}:\n${output}`)));
  });
  // Keep draining the log so the child never blocks on a full pipe.
  child.stdout?.resume();
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, child, stop };
}
