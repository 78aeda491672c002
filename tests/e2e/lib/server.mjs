// server.mjs - starts the real relata binary on a temporary SQLite database for a test
// suite, and small helpers to talk GraphQL to it over HTTP.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.RELATA_BIN || 'build/release/relata';
export const SHARED = process.env.RELATA_SHARED || '../shared';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Starts `relata serve` on `schema` (SDL text) and waits until it answers. `opts.db`
// serves an existing database URL instead of a new one in the temporary directory.
// Returns { url, port, dir, proc, stderr(), stop() }.
export async function startServer(schema, extraArgs = [], opts = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relata-e2e-'));
  const file = path.join(dir, 'types.graphql');
  fs.writeFileSync(file, schema);
  const port = await freePort();
  const proc = spawn(BIN, ['serve', file, '--port', String(port), '--host', '127.0.0.1',
    '--db', opts.db || `sqlite:${path.join(dir, 'data.db')}`, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  proc.stdout.on('data', () => {});
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 10000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`relata exited early: ${err}`);
    try {
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`relata did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url, port, dir, proc, exited,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const res = await exited;
      fs.rmSync(dir, { recursive: true, force: true });
      return res;
    },
  };
}

// POSTs one GraphQL request; returns { status, headers, body } with body parsed as JSON.
export async function gql(url, query, variables, extra = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(extra.headers || {}) },
    body: JSON.stringify({ query, variables, operationName: extra.operationName }),
  });
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: res.status, headers: res.headers, body };
}

export function readShared(rel) {
  return fs.readFileSync(path.join(SHARED, rel), 'utf8');
}
