// subscriptions-load.test.mjs - 1,000 open subscriptions on one server process and a
// burst of mutations: every matching event must arrive exactly once (no timing
// assertions). Prints events/s and the p99 delivery latency (mutation sent -> event
// received), and what one slow consumer (a client that stops reading) does to the rest.
//
// 200 connections x 5 subscriptions, five filter shapes (one needs SQL per event, the
// others are decided without it); identical subscriptions share a hub group, so the
// server matches and renders once per shape and event, not once per subscriber.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, gql } from './lib/server.mjs';
import { wsUrl, openTransport, until } from './lib/ws.mjs';

const MODEL = `
type Post @model {
  id: ID! @isUnique
  title: String!
  n: Int!
  body: String
}
`;
const CONNS = 200;
const PER_CONN = 5;
const CREATES = 120;
const UPDATES = 60;
const PARALLEL = 8;

// The five shapes: filter, and which events it must receive.
const SHAPES = [
  { filter: '', want: () => true },
  { filter: '(filter: {mutation_in: [CREATED]})', want: (e) => e.kind === 'CREATED' },
  { filter: '(filter: {node: {n_gt: 60}})', want: (e) => e.n > 60 },
  { filter: '(filter: {updatedFields_contains: "title"})', want: (e) => e.kind === 'UPDATED' },
  { filter: '(filter: {OR: [{node: {title_ends_with: "7"}}, {node: {n_lt: 5}}]})', want: (e) => e.title.endsWith('7') || e.n < 5 },
];

async function pool(n, parallel, fn) {
  let next = 0;
  await Promise.all([...Array(parallel)].map(async () => {
    while (next < n) await fn(next++);
  }));
}

test('1,000 subscriptions, a burst of mutations, one slow consumer', { timeout: 120000 }, async () => {
  const srv = await startServer(MODEL);
  try {
    const u = wsUrl(srv.url);
    const conns = [];
    for (let i = 0; i < CONNS; i++) {
      const c = await openTransport(u);
      for (let k = 0; k < PER_CONN; k++)
        c.send({ id: `s${k}`, type: 'subscribe', payload: { query: `subscription { Post${SHAPES[k].filter} { mutation node { id title n } } }` } });
      conns.push(c);
    }
    await Promise.all(conns.map((c) => c.sync()));

    // The slow consumer: subscribed to everything with the large field, never reading.
    const slow = await openTransport(u);
    for (let k = 0; k < 4; k++) await slow.subscribe(`big${k}`, `subscription { Post { node { b${k}: body } } }`);
    slow.ws._socket.pause();

    // Every received event: [connection, subscription id, mutation, node id, time].
    const sent = new Map(); // title -> time the mutation was sent
    const got = [];
    conns.forEach((c, ci) => c.ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type !== 'next') return;
      const p = m.payload.data.Post;
      got.push({ ci, sub: m.id, kind: p.mutation, id: p.node.id, title: p.node.title, n: p.node.n, at: performance.now() });
    }));

    const body = 'b'.repeat(40000);
    const events = []; // what the mutations did, in order of their responses
    const ids = [];
    const t0 = performance.now();
    await pool(CREATES, PARALLEL, async (i) => {
      const title = `c${i}`;
      sent.set(title, performance.now());
      const r = await gql(srv.url, `mutation { createPost(title: "${title}", n: ${i}, body: "${body}") { id } }`);
      assert.equal(r.body.errors, undefined);
      ids[i] = r.body.data.createPost.id;
      events.push({ kind: 'CREATED', id: ids[i], title, n: i });
    });
    await pool(UPDATES, PARALLEL, async (i) => {
      const title = `u${i}`;
      sent.set(title, performance.now());
      const r = await gql(srv.url, `mutation { updatePost(id: "${ids[i]}", title: "${title}") { id n } }`);
      assert.equal(r.body.errors, undefined);
      events.push({ kind: 'UPDATED', id: ids[i], title, n: r.body.data.updatePost.n });
    });
    const expected = events.reduce((sum, e) => sum + SHAPES.filter((s) => s.want(e)).length * CONNS, 0);
    await until(() => got.length >= expected, 60000, `${expected} deliveries (have ${got.length})`);
    const t1 = performance.now();

    // exactly once: per (connection, subscription) the events are the expected ones
    const byKey = new Map();
    for (const g of got) {
      const k = `${g.ci}/${g.sub}/${g.kind}/${g.id}`;
      byKey.set(k, (byKey.get(k) || 0) + 1);
    }
    for (const [k, n] of byKey) assert.equal(n, 1, `delivered ${n} times: ${k}`);
    assert.equal(got.length, expected);
    for (let s = 0; s < PER_CONN; s++) {
      const want = events.filter((e) => SHAPES[s].want(e)).map((e) => `${e.kind}/${e.id}`).sort();
      for (const ci of [0, CONNS - 1]) {
        const have = got.filter((g) => g.ci === ci && g.sub === `s${s}`).map((g) => `${g.kind}/${g.id}`).sort();
        assert.deepEqual(have, want, `connection ${ci} subscription s${s}`);
      }
    }

    const lat = got.map((g) => g.at - sent.get(g.title)).sort((a, b) => a - b);
    const p = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
    slow.ws._socket.resume();
    const closed = await slow.whenClosed(10000);
    console.log(`subscriptions: ${CONNS * PER_CONN} on ${CONNS} connections (+1 slow consumer)`);
    console.log(`mutations: ${CREATES} creates + ${UPDATES} updates, ${PARALLEL} in parallel`);
    console.log(`deliveries: ${got.length} in ${((t1 - t0) / 1000).toFixed(2)} s = ${Math.round(got.length / ((t1 - t0) / 1000))} events/s`);
    console.log(`latency ms: p50 ${p(0.5)}  p99 ${p(0.99)}  max ${lat[lat.length - 1].toFixed(1)}`);
    console.log(`slow consumer: closed with ${closed.code} "${closed.reason}"; every other subscriber got all its events`);
    assert.ok(closed.code === 1008 || closed.code === 1006, `slow consumer closed with ${closed.code}`);
    for (const c of conns) c.close();
  } finally {
    await srv.stop();
  }
});
