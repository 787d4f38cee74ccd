// Starts the real `frontdoor serve` for browser tests: a fresh SQLite database in a
// temporary folder, migrated and seeded with the demo catalogue and 200 cases, listening on
// 127.0.0.1 on a port the kernel picks. Stop it with `await server.stop()` (by its PID).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function frontdoorBinary() {
  const binary = process.env.FRONTDOOR_BINARY;
  if (!binary) {
    throw new Error('Set FRONTDOOR_BINARY to the built frontdoor executable');
  }
  return binary;
}

// Options: { cases: 200, env: {} }. Resolves to { url, db, dir, stop() }.
export async function startServer(options = {}) {
  const binary = frontdoorBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'frontdoor-e2e-'));
  const db = `sqlite:${path.join(dir, 'frontdoor.db')}`;
  const env = {
    ...process.env,
    FRONTDOOR_ACCESS_LOG: 'off',
    FRONTDOOR_LOG_LEVEL: 'warn',
    FRONTDOOR_WEB_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    ...(options.env || {}),
  };
  const run = (...args) => execFileSync(binary, [...args, '--db', db], { env, stdio: 'pipe' });
  run('migrate');
  run('seed', '--demo', '--cases', String(options.cases ?? 200));

  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr}`));
    });
  });

  return {
    url,
    db,
    dir,
    get stderr() { return stderr; },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
