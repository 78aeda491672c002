// pg-connection.test.mjs - PostgreSQL only (RELATA_E2E_STORE=postgres): when the server
// drops relata's connections (pg_terminate_backend, as a restart or a failover would),
// relata reconnects; reads and mutations that had not started are served as usual and
// nothing acknowledged is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { STORE, startServer, gql } from './lib/server.mjs';

const MODEL = 'type Note @model {\n  id: ID! @isUnique\n  text: String!\n}\n';

function terminateBackends(dbUrl) {
  const name = new URL(dbUrl).pathname.slice(1);
  const r = spawnSync('psql', [process.env.RELATA_TEST_PG, '-At', '-c',
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`],
  { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

test('lost connections are re-established', { skip: STORE !== 'postgres' && 'PostgreSQL only' }, async () => {
  const srv = await startServer(MODEL, ['--threads', '2']);
  try {
    const first = await gql(srv.url, 'mutation { createNote(text: "before") { id } }');
    assert.equal(first.body.errors, undefined, JSON.stringify(first.body.errors));
    for (let round = 0; round < 3; round++) {
      assert.ok(terminateBackends(srv.dbUrl) >= 1, 'relata had connections to terminate');
      // Both workers find their connection gone; every request still succeeds.
      for (let i = 0; i < 4; i++) {
        const r = await gql(srv.url, '{ allNotes { text } }');
        assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
        const m = await gql(srv.url, `mutation { createNote(text: "r${round}-${i}") { text } }`);
        assert.equal(m.body.errors, undefined, JSON.stringify(m.body.errors));
        assert.equal(m.body.data.createNote.text, `r${round}-${i}`);
      }
      terminateBackends(srv.dbUrl);
      const m = await gql(srv.url, `mutation { createNote(text: "m${round}") { text } }`);
      assert.equal(m.body.errors, undefined, JSON.stringify(m.body.errors));
    }
    const all = await gql(srv.url, '{ _allNotesMeta { count } }');
    assert.deepEqual(all.body.data, { _allNotesMeta: { count: 1 + 3 * 5 } });
  } finally {
    await srv.stop();
  }
});
