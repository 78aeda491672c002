// robustness.test.mjs - bad input over the wire gets a clear answer, never a crash, a
// hang or lost data: dropped connections, partial headers, invalid UTF-8, huge and
// deeply nested variables, numbers out of range. After each group the server must
// still answer a simple query and the rows written before must still be there. Every
// loop is bounded in count and time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, gql } from './lib/server.mjs';

const MODEL = `
type Post @model {
  id: ID! @isUnique
  title: String!
  views: Int
  rating: Float
  metadata: Json
  tags: [String!]
}
`;

let srv;
let keptId;
before(async () => {
  srv = await startServer(MODEL);
  const r = await gql(srv.url, 'mutation { createPost(title: "kept", views: 1) { id } }');
  keptId = r.body.data.createPost.id;
});
after(async () => {
  const t0 = Date.now();
  const res = await srv?.stop();
  // Nothing left in flight: the stop does not wait out the shutdown grace period.
  assert.ok(Date.now() - t0 < 3000, `stopped in ${Date.now() - t0} ms`);
  // A clean SIGTERM exit: the server survived everything below.
  assert.deepEqual(res, { code: 0, signal: null });
});

// The server still answers, and the row written at the start is intact.
async function alive() {
  const r = await gql(srv.url, `{ Post(id: "${keptId}") { title views } _allPostsMeta { count } }`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.data.Post, { title: 'kept', views: 1 });
  assert.equal(typeof r.body.data._allPostsMeta.count, 'number');
  assert.equal(srv.proc.exitCode, null);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Opens a raw TCP connection to the server.
function connect() {
  return new Promise((resolve, reject) => {
    const s = net.connect(srv.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

// Sends raw bytes as one HTTP/1.1 request with Connection: close; resolves with
// { status, body } once the server closes (or rejects after `ms`).
async function raw(method, path, headers, body, ms = 10000) {
  const s = await connect();
  const bodyBuf = Buffer.isBuffer(body) ? body : Buffer.from(body ?? '');
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close',
    `Content-Length: ${bodyBuf.length}`, ...headers].join('\r\n') + '\r\n\r\n';
  s.write(Buffer.concat([Buffer.from(head), bodyBuf]));
  const chunks = [];
  s.on('data', (d) => chunks.push(d));
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => { s.destroy(); reject(new Error('no answer in time')); }, ms);
    s.on('close', () => { clearTimeout(t); resolve(); });
  });
  const text = Buffer.concat(chunks).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d+)/.exec(text)?.[1]);
  const sep = text.indexOf('\r\n\r\n');
  let payload = sep >= 0 ? text.slice(sep + 4) : '';
  if (/transfer-encoding: chunked/i.test(text.slice(0, sep))) {
    let out = '';
    for (let i = 0; ;) {
      const nl = payload.indexOf('\r\n', i);
      const n = parseInt(payload.slice(i, nl), 16);
      if (!n) break;
      out += payload.slice(nl + 2, nl + 2 + n);
      i = nl + 2 + n + 2;
    }
    payload = out;
  }
  return { status, text: payload, json: JSON.parse(Buffer.from(payload, 'latin1').toString('utf8')) };
}

const JSON_CT = 'Content-Type: application/json';

// A request error: no data key, at least one error with a message starting with `start`.
function requestError(json, start) {
  assert.equal('data' in json, false, JSON.stringify(json).slice(0, 300));
  assert.ok(json.errors.length >= 1);
  assert.ok(json.errors[0].message.startsWith(start),
    `"${json.errors[0].message.slice(0, 200)}" starts with "${start}"`);
}

test('connections dropped mid-request, and many opened and closed at once', async () => {
  const body = JSON.stringify({ query: 'mutation { createPost(title: "half") { id } }' });
  // 120 bodies cut in half. Under epoll some of these closes went unnoticed, leaving
  // requests in flight until the connection timeout (the stop time checked in after()).
  for (let i = 0; i < 120; i++) {
    const s = await connect();
    s.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${JSON_CT}\r\nContent-Length: ${body.length}\r\n\r\n`);
    s.write(body.slice(0, body.length >> 1));
    if (i % 4 === 0) await sleep(i % 8);
    s.destroy();
  }
  // Headers cut in the middle, a request line alone, nothing at all, RST.
  const partial = ['POST /graph', 'POST /graphql HTTP/1.1\r\n', '', 'POST /graphql HTTP/1.1\r\nContent-Le'];
  const socks = [];
  for (let i = 0; i < 100; i++) {
    const s = await connect();
    s.on('error', () => {});
    s.write(partial[i % partial.length]);
    socks.push(s);
  }
  for (const [i, s] of socks.entries()) (i % 2 ? s.destroy() : s.resetAndDestroy());
  // The mutation whose body was cut off never ran: no "half" row.
  await sleep(100);
  const r = await gql(srv.url, '{ _allPostsMeta(filter: {title: "half"}) { count } }');
  assert.equal(r.body.data._allPostsMeta.count, 0);
  // A request whose answer is never read: the client goes away after sending it.
  for (let i = 0; i < 10; i++) {
    const s = await connect();
    s.on('error', () => {});
    const q = JSON.stringify({ query: '{ allPosts { id title } }' });
    s.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${JSON_CT}\r\nContent-Length: ${q.length}\r\n\r\n${q}`);
    s.resetAndDestroy();
  }
  await alive();
});

test('slowloris: partial headers trickled on 20 connections do not block others', async () => {
  const socks = [];
  for (let i = 0; i < 20; i++) {
    const s = await connect();
    s.on('error', () => {});
    s.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
    socks.push(s);
  }
  for (let round = 0; round < 5; round++) {
    for (const s of socks) s.write(`X-Slow-${round}: ${'a'.repeat(10)}\r\n`);
    const t0 = Date.now();
    await alive();
    assert.ok(Date.now() - t0 < 2000, 'answered while slow clients hold connections');
    await sleep(100);
  }
  for (const s of socks) s.destroy();
  await alive();
});

test('headers beyond the connection memory limit get an error status, not a crash', async () => {
  const big = `X-Big: ${'b'.repeat(200 * 1024)}`;
  const s = await connect();
  s.on('error', () => {});
  const chunks = [];
  s.on('data', (d) => chunks.push(d));
  s.write(`POST /graphql HTTP/1.1\r\nHost: x\r\n${big}\r\nContent-Length: 2\r\n\r\n{}`);
  await new Promise((resolve) => {
    const t = setTimeout(resolve, 5000);
    s.on('close', () => { clearTimeout(t); resolve(); });
  });
  s.destroy();
  const text = Buffer.concat(chunks).toString('latin1');
  if (text) assert.match(text, /^HTTP\/1\.[01] (4\d\d)/);
  await alive();
});

test('invalid UTF-8 in the body, the query and the variables', async () => {
  const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
  // Inside a JSON body: not valid JSON text, HTTP 400 with a message.
  const body = Buffer.concat([Buffer.from('{"query":"{ allPosts(filter: {title: \\"'), bad,
    Buffer.from('\\"}) { id } }"}')]);
  let r = await raw('POST', '/graphql', [JSON_CT], body);
  assert.equal(r.status, 400);
  assert.ok(r.json.errors[0].message.startsWith('Invalid request body'), r.json.errors[0].message);
  // In the variables of a JSON body.
  const vbody = Buffer.concat([Buffer.from('{"query":"query ($t: String) { allPosts(filter: {title: $t}) { id } }","variables":{"t":"'),
    bad, Buffer.from('"}}')]);
  r = await raw('POST', '/graphql', [JSON_CT], vbody);
  assert.equal(r.status, 400);
  // An application/graphql body: the query text itself is not UTF-8. Whatever the
  // answer, it is JSON with errors or data, and nothing invalid is stored.
  for (const q of [
    Buffer.concat([Buffer.from('{ allPosts(filter: {title: "'), bad, Buffer.from('"}) { id } }')]),
    Buffer.concat([Buffer.from('mutation { createPost(title: "'), bad, Buffer.from('") { id title } }')]),
    Buffer.concat([Buffer.from('{ allPosts { id '), bad, Buffer.from(' } }')]),
    Buffer.concat([Buffer.from('# '), bad, Buffer.from('\n{ allPosts { id } }')]),
  ]) {
    r = await raw('POST', '/graphql', ['Content-Type: application/graphql'], q);
    assert.ok(r.status === 200 || r.status === 400, `status ${r.status}`);
    assert.ok(r.json.errors || r.json.data, r.text);
    if (r.json.data?.createPost) {
      // If it was stored, what comes back must be the same (well-formed) string.
      const back = await gql(srv.url, `{ Post(id: "${r.json.data.createPost.id}") { title } }`);
      assert.equal(back.body.data.Post.title, r.json.data.createPost.title);
    }
  }
  // Variables as a GET parameter: not JSON text, so error 3024.
  const q = encodeURIComponent('query ($t: String) { allPosts(filter: {title: $t}) { id } }');
  r = await raw('GET', `/graphql?query=${q}&variables=%7B%22t%22%3A%22%FF%FE%22%7D`, [], '');
  requestError(r.json, 'Variables could not be parsed as json');
  assert.equal(r.json.errors[0].code, 3024);
  // Lone surrogates escaped in JSON (valid JSON syntax, not a Unicode scalar value).
  r = await raw('POST', '/graphql', [JSON_CT], '{"query":"{ allPosts(filter: {title: \\"\\ud800\\"}) { id } }"}');
  assert.ok(r.status === 200 || r.status === 400, `status ${r.status}`);
  assert.ok(r.json.errors || r.json.data);
  await alive();
});

test('huge variables within the body limit', async () => {
  // 20k unused keys (~400 KB): ignored, the query runs.
  const vars = { n: 1 };
  for (let i = 0; i < 20000; i++) vars[`k${i}`] = i;
  let r = await gql(srv.url, 'query ($n: Int) { allPosts(first: $n) { id } }', vars);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.errors, undefined);
  // A list of 30k ids (~900 KB) in one filter.
  const ids = Array.from({ length: 30000 }, (_, i) => `c${String(i).padStart(24, '0')}`);
  ids.push(keptId);
  r = await gql(srv.url, 'query ($ids: [ID!]) { allPosts(filter: {id_in: $ids}) { title } }', { ids });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.data, { allPosts: [{ title: 'kept' }] }, JSON.stringify(r.body).slice(0, 300));
  // A 300 KB string is over the String limit: error 3007 on the field, nothing stored.
  const before = (await gql(srv.url, '{ _allPostsMeta { count } }')).body.data._allPostsMeta.count;
  r = await gql(srv.url, 'mutation ($t: String!) { createPost(title: $t) { id } }', { t: 'z'.repeat(300 * 1024) });
  assert.equal(r.body.data.createPost, null);
  assert.equal(r.body.errors[0].code, 3007);
  assert.equal((await gql(srv.url, '{ _allPostsMeta { count } }')).body.data._allPostsMeta.count, before);
  // A 200 KB string and a big Json value: stored and read back whole.
  const long = 'x'.repeat(200 * 1024);
  r = await gql(srv.url, 'mutation ($t: String!) { createPost(title: $t) { id } }', { t: long });
  assert.equal(r.status, 200);
  const id = r.body.data.createPost.id;
  r = await gql(srv.url, `{ Post(id: "${id}") { title } }`);
  assert.equal(r.body.data.Post.title, long);
  const meta = { list: Array.from({ length: 20000 }, (_, i) => ({ i })) };
  r = await gql(srv.url, `mutation ($m: Json) { updatePost(id: "${id}", metadata: $m) { metadata } }`, { m: meta });
  assert.deepEqual(r.body.data.updatePost.metadata, meta);
  await gql(srv.url, `mutation { deletePost(id: "${id}") { id } }`);
  // Over the limit: HTTP 413 (the spec's body limit), nothing executed.
  r = await gql(srv.url, 'mutation ($t: String!) { createPost(title: $t) { id } }', { t: 'y'.repeat(1100 * 1024) });
  assert.equal(r.status, 413);
  await alive();
});

test('deeply nested variables JSON is a clean error', async () => {
  const deep = (n) => '['.repeat(n) + ']'.repeat(n);
  const q = 'query ($m: Json) { allPosts { id } }';
  // 100k nested arrays in the body: beyond jansson's depth limit, HTTP 400.
  let r = await raw('POST', '/graphql', [JSON_CT], `{"query":${JSON.stringify(q)},"variables":{"m":${deep(100000)}}}`);
  assert.equal(r.status, 400);
  assert.ok(r.json.errors[0].message.startsWith('Invalid request body'), r.json.errors[0].message);
  // The same inside a variables string: error 3024, a request error.
  r = await raw('POST', '/graphql', [JSON_CT], JSON.stringify({ query: q, variables: `{"m":${deep(100000)}}` }));
  assert.equal(r.status, 200);
  requestError(r.json, 'Variables could not be parsed as json');
  // Nested objects as deep as jansson allows, into a Json field and into an input
  // object (the filter): answered, either with data or a request error.
  const deepObj = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  r = await raw('POST', '/graphql', [JSON_CT],
    `{"query":"mutation ($m: Json) { createPost(title: \\"deep\\", metadata: $m) { id } }","variables":{"m":${deepObj(2000)}}}`);
  assert.ok(r.json.data || r.json.errors, r.text.slice(0, 300));
  if (r.json.data?.createPost) {
    const id = r.json.data.createPost.id;
    const back = await raw('POST', '/graphql', [JSON_CT], JSON.stringify({ query: `{ Post(id: "${id}") { metadata } }` }));
    assert.ok(back.json.data || back.json.errors);
    await gql(srv.url, `mutation { deletePost(id: "${id}") { id } }`);
  }
  const deepFilter = (n) => '{"AND":['.repeat(n) + '{}' + ']}'.repeat(n);
  r = await raw('POST', '/graphql', [JSON_CT],
    `{"query":"query ($f: PostFilter) { allPosts(filter: $f) { id } }","variables":{"f":${deepFilter(1000)}}}`);
  assert.ok(r.status === 200 || r.status === 400, `status ${r.status}`);
  assert.ok(r.json.data || r.json.errors, r.text.slice(0, 300));
  await alive();
});

test('numbers out of range in variables', async () => {
  const q = 'query ($n: Int) { allPosts(first: $n) { id } }';
  for (const n of ['2147483648', '-2147483649', '1e20', '9007199254740993', '-9223372036854775808']) {
    const body = `{"query":${JSON.stringify(q)},"variables":{"n":${String(n)}}}`;
    const r = await raw('POST', '/graphql', [JSON_CT], body);
    assert.equal(r.status, 200);
    requestError(r.json, 'Variable "$n" got invalid value');
    assert.match(r.json.errors[0].message, /Int cannot represent non 32-bit signed integer value/);
  }
  // 1e400 overflows a double: jansson refuses the body (HTTP 400); in a variables
  // string it is error 3024.
  const fq = 'query ($r: Float) { allPosts(filter: {rating: $r}) { id } }';
  let r = await raw('POST', '/graphql', [JSON_CT], `{"query":${JSON.stringify(fq)},"variables":{"r":1e400}}`);
  assert.equal(r.status, 400);
  assert.ok(r.json.errors[0].message.startsWith('Invalid request body'));
  r = await raw('POST', '/graphql', [JSON_CT], JSON.stringify({ query: fq, variables: '{"r":-1e400}' }));
  requestError(r.json, 'Variables could not be parsed as json');
  // Integers beyond int64 (JavaScript would read them as doubles): jansson refuses the
  // body, HTTP 400.
  r = await raw('POST', '/graphql', [JSON_CT], `{"query":${JSON.stringify(q)},"variables":{"n":123456789012345678901234567890}}`);
  assert.equal(r.status, 400);
  assert.ok(r.json.errors[0].message.startsWith('Invalid request body'));
  // Out of range in the query text itself: a validation error with the spec wording.
  r = await raw('POST', '/graphql', [JSON_CT], JSON.stringify({ query: '{ allPosts(first: 2147483648) { id } }' }));
  requestError(r.json, 'Int cannot represent non 32-bit signed integer value: 2147483648');
  r = await raw('POST', '/graphql', [JSON_CT], JSON.stringify({ query: '{ allPosts(filter: {rating: 1e400}) { id } }' }));
  assert.ok(r.json.errors, r.text);
  // An Int field written with an out-of-range value stores nothing.
  const before = (await gql(srv.url, '{ _allPostsMeta { count } }')).body.data._allPostsMeta.count;
  r = await gql(srv.url, 'mutation ($v: Int) { createPost(title: "big", views: $v) { id } }', { v: 4294967296 });
  requestError(r.body, 'Variable "$v" got invalid value');
  const afterCount = (await gql(srv.url, '{ _allPostsMeta { count } }')).body.data._allPostsMeta.count;
  assert.equal(afterCount, before);
  await alive();
});
