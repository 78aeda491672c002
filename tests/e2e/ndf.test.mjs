// ndf.test.mjs - `relata import` / `relata export`: the bench dataset imports with its
// ids and answers equal the generator's oracle; export -> import -> export round-trips
// byte for byte; a bad record names its file and record and leaves its file unapplied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, SHARED, startServer, gql, newDatabase } from './lib/server.mjs';

const BLOG = path.join(SHARED, 'bench/blog.graphql');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'relata-ndf-'));
const relata = (...args) => spawnSync(BIN, args, { encoding: 'utf8' });

function listTree(dir) {
  const out = {};
  for (const kind of ['nodes', 'lists', 'relations']) {
    const d = path.join(dir, kind);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) out[`${kind}/${f}`] = fs.readFileSync(path.join(d, f), 'utf8');
  }
  return out;
}

test('bench dataset imports with its ids; export/import round-trips exactly', async () => {
  const dir = tmp();
  execFileSync('python3', [path.join(SHARED, 'bench/gen/generate.py'), '--seed', '1', '--scale', '0.05',
    '--out', dir, '--formats', 'ndf']);
  const one = newDatabase(dir), db1 = one.url;
  const imp = relata('import', BLOG, '--db', db1, path.join(dir, 'ndf'));
  assert.equal(imp.status, 0, imp.stderr);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const params = JSON.parse(fs.readFileSync(path.join(dir, 'params.json'), 'utf8'));
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));

  // Serve the imported database and compare the read operations with the oracle.
  const srv = await startServer(fs.readFileSync(BLOG, 'utf8'), [], { db: db1 });
  try {
    for (const op of ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']) {
      const query = fs.readFileSync(path.join(SHARED, `bench/ops/simple/${op}.graphql`), 'utf8');
      const names = [...new Set([...query.matchAll(/\$(\w+)\s*:/g)].map((m) => m[1]))];
      const r = await gql(srv.url, query, Object.fromEntries(names.map((n) => [n, params[n]])));
      assert.equal(r.body.errors, undefined, `${op}: ${JSON.stringify(r.body.errors)}`);
      assert.deepEqual(r.body.data, expected[op], op);
    }
    const counts = await gql(srv.url, '{ _allUsersMeta { count } _allPostsMeta { count } _allCommentsMeta { count } _allTagsMeta { count } }');
    const c = counts.body.data;
    assert.deepEqual([c._allUsersMeta.count, c._allPostsMeta.count, c._allCommentsMeta.count, c._allTagsMeta.count],
      [manifest.counts.User, manifest.counts.Post, manifest.counts.Comment, manifest.counts.Tag]);
  } finally {
    await srv.stop();
  }

  const out1 = path.join(dir, 'out1');
  const exp1 = relata('export', BLOG, '--db', db1, out1);
  assert.equal(exp1.status, 0, exp1.stderr);
  const two = newDatabase(dir), db2 = two.url;
  const imp2 = relata('import', BLOG, '--db', db2, '--quiet', out1);
  assert.equal(imp2.status, 0, imp2.stderr);
  const out2 = path.join(dir, 'out2');
  assert.equal(relata('export', BLOG, '--db', db2, out2).status, 0);
  const t1 = listTree(out1), t2 = listTree(out2);
  assert.ok(Object.keys(t1).length > 3);
  assert.deepEqual(t2, t1);
  one.drop();
  two.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a bad record names file and record, and its file is not applied', () => {
  const dir = tmp();
  const model = path.join(dir, 'types.graphql');
  fs.writeFileSync(model, 'type Note @model {\n  id: ID! @isUnique\n  text: String!\n  n: Int\n}\n');
  fs.mkdirSync(path.join(dir, 'ndf/nodes'), { recursive: true });
  const rec = (i, extra = {}) => ({ _typeName: 'Note', id: `cnote${String(i).padStart(20, '0')}`, text: `t${i}`, ...extra });
  fs.writeFileSync(path.join(dir, 'ndf/nodes/000001.json'),
    JSON.stringify({ valueType: 'nodes', values: [rec(1), rec(2)] }));
  fs.writeFileSync(path.join(dir, 'ndf/nodes/000002.json'),
    JSON.stringify({ valueType: 'nodes', values: [rec(3), rec(4, { n: 'seven' }), rec(5)] }));
  const data = newDatabase(dir), db = data.url;
  const r = relata('import', model, '--db', db, path.join(dir, 'ndf'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /000002\.json: record 2: field n: expected an integer/);
  const out = path.join(dir, 'out');
  assert.equal(relata('export', model, '--db', db, out).status, 0);
  const nodes = JSON.parse(fs.readFileSync(path.join(out, 'nodes/000001.json'), 'utf8')).values;
  assert.deepEqual(nodes.map((n) => n.text), ['t1', 't2'], 'the first file is in, nothing of the second');
  data.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});
