// server.mjs - starts the real relata binary on a temporary database for a test suite,
// and small helpers to talk GraphQL to it over HTTP.
//
// The store is chosen by the environment, so that one test source runs on both:
//   RELATA_E2E_STORE=sqlite (default)   a new SQLite file per server
//   RELATA_E2E_STORE=postgres           a new database per server on the PostgreSQL
//                                       server named by RELATA_TEST_PG (a URL), created
//                                       and dropped with psql
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const BIN = process.env.RELATA_BIN || 'build/release/relata';
export const SHARED = process.env.RELATA_SHARED || '../shared';
export const STORE = process.env.RELATA_E2E_STORE || 'sqlite';
const PG = process.env.RELATA_TEST_PG || '';
if (STORE === 'postgres' && !PG) throw new Error('RELATA_E2E_STORE=postgres needs RELATA_TEST_PG');

let dbCount = 0;
function psql(sql) {
  const r = spawnSync('psql', [PG, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error}`);
}

// A new, empty database for the configured store: a URL for --db, and drop() to remove
// it (PostgreSQL; SQLite files go with their temporary directory).
export function newDatabase(dir) {
  if (STORE !== 'postgres') return { url: `sqlite:${path.join(dir, `data${dbCount++ || ''}.db`)}`, drop() {} };
  const name = `e2e_${process.pid}_${dbCount++}`;
  psql(`CREATE DATABASE ${name}`);
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop() { psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

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
  const db = opts.db ? null : newDatabase(dir);
  const proc = spawn(BIN, ['serve', file, '--port', String(port), '--host', '127.0.0.1',
    '--db', opts.db || db.url, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    url, port, dir, proc, exited, dbUrl: opts.db || db.url,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const res = await exited;
      if (db) db.drop();
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
