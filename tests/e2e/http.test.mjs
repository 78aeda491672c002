// http.test.mjs - the HTTP transport of `relata serve` (SIMPLE-API.md §1, ERRORS.md §1.2):
// status codes and media types for both Accept kinds, CORS, Request-Id, GET, batching,
// body errors and limits, routing, variables, keep-alive and a clean SIGTERM exit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer } from './lib/server.mjs';

const MODEL = `
type Post @model {
  id: ID! @isUnique
  title: String!
}
`;

const GR = 'application/graphql-response+json';
const SKIP_QUERY = 'query ($skip: Boolean!) { __typename @skip(if: $skip) }';

let srv;
let base; // http://127.0.0.1:PORT
before(async () => {
  srv = await startServer(MODEL);
  base = srv.url.replace(/\/graphql$/, '');
});
after(async () => { await srv?.stop(); });

// One request with node:http, so that every header (and the socket) is under control.
// Returns { status, headers, text, json, reusedSocket }.
function request({ method = 'POST', path = '/graphql', headers = {}, body, agent, chunked } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: agent ?? false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json, reusedSocket: req.reusedSocket });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) {
      if (chunked) {
        // No Content-Length: the body arrives in chunks of unknown total size.
        const buf = Buffer.from(body);
        const step = 64 * 1024;
        for (let i = 0; i < buf.length; i += step) req.write(buf.subarray(i, i + step));
      } else {
        req.setHeader('content-length', Buffer.byteLength(body));
        req.write(body);
      }
    }
    req.end();
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const post = (body, headers = {}, path = '/graphql') =>
  request({ body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...JSON_HEADERS, ...headers }, path });
const get = (params, headers = {}, path = '/graphql') =>
  request({ method: 'GET', path: `${path}?${new URLSearchParams(params)}`, headers });

async function alive() {
  const r = await post({ query: '{ __typename }' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { data: { __typename: 'Query' } });
}

test('application/json: results and request errors are HTTP 200', async () => {
  const ok = await post({ query: '{ __typename }' }, { accept: 'application/json' });
  assert.equal(ok.status, 200);
  assert.match(ok.headers['content-type'], /^application\/json/);
  assert.deepEqual(ok.json, { data: { __typename: 'Query' } });

  // fetch() and curl send Accept: */*; that keeps Graphcool's behaviour too.
  for (const accept of [undefined, '*/*', 'application/json']) {
    const r = await post({ query: '' }, accept ? { accept } : {});
    assert.equal(r.status, 200, `Accept ${accept}`);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.equal('data' in r.json, false);
    assert.equal(r.json.errors[0].message, 'Syntax Error: Unexpected <EOF>.');
  }
});

test('application/graphql-response+json: request errors are HTTP 400', async () => {
  const bad = await post({ query: '' }, { accept: GR });
  assert.equal(bad.status, 400);
  assert.match(bad.headers['content-type'], /^application\/graphql-response\+json/);
  assert.equal('data' in bad.json, false);
  assert.equal(bad.json.errors[0].message, 'Syntax Error: Unexpected <EOF>.');

  const ok = await post({ query: '{ __typename }' }, { accept: `${GR}, application/json;q=0.9` });
  assert.equal(ok.status, 200);
  assert.match(ok.headers['content-type'], /^application\/graphql-response\+json/);
  assert.deepEqual(ok.json, { data: { __typename: 'Query' } });

  // application/json preferred by q: the legacy type and status.
  const legacy = await post({ query: '' }, { accept: `${GR};q=0.5, application/json` });
  assert.equal(legacy.status, 200);
  assert.match(legacy.headers['content-type'], /^application\/json/);

  // Field errors come with 200 under both types.
  const field = await post({ query: 'mutation { updatePost(id: "nope", title: "x") { id } }' }, { accept: GR });
  assert.equal(field.status, 200);
  assert.equal(field.json.data.updatePost, null);
  assert.equal(field.json.errors[0].code, 3002);
});

test('CORS: preflight and Access-Control-Allow-Origin on every response', async () => {
  const pre = await request({
    method: 'OPTIONS',
    headers: {
      origin: 'https://app.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,authorization,x-custom',
    },
  });
  assert.equal(pre.status, 200);
  assert.equal(pre.headers['access-control-allow-origin'], 'https://app.example');
  for (const m of ['GET', 'POST', 'HEAD', 'OPTIONS'])
    assert.ok(pre.headers['access-control-allow-methods'].includes(m), pre.headers['access-control-allow-methods']);
  assert.equal(pre.headers['access-control-allow-headers'], 'content-type,authorization,x-custom');

  const simple = await request({ method: 'OPTIONS', path: '/simple/v1/default' });
  assert.equal(simple.status, 200);
  assert.equal(simple.headers['access-control-allow-origin'], '*');

  const withOrigin = await post({ query: '{ __typename }' }, { origin: 'https://app.example' });
  assert.equal(withOrigin.headers['access-control-allow-origin'], 'https://app.example');
  const noOrigin = await post({ query: '{ __typename }' });
  assert.equal(noOrigin.headers['access-control-allow-origin'], '*');
  const notFound = await request({ method: 'GET', path: '/nope', headers: { origin: 'https://a.example' } });
  assert.equal(notFound.headers['access-control-allow-origin'], 'https://a.example');
  const badBody = await post('{', { origin: 'https://a.example' });
  assert.equal(badBody.headers['access-control-allow-origin'], 'https://a.example');
});

test('Request-Id: unique per request and equal to requestId in error objects', async () => {
  const ids = new Set();
  for (let i = 0; i < 5; i++) {
    const r = await post({ query: '{ __typename }' });
    const id = r.headers['request-id'];
    assert.ok(typeof id === 'string' && id.length > 0, 'Request-Id header present');
    ids.add(id);
  }
  assert.equal(ids.size, 5);
  const r = await post({ query: 'mutation { updatePost(id: "nope", title: "x") { id } }' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.data, { updatePost: null });
  assert.equal(r.json.errors[0].code, 3002);
  assert.equal(r.json.errors[0].requestId, r.headers['request-id']);
  // Non-GraphQL answers carry one too.
  const nf = await request({ method: 'GET', path: '/nope' });
  assert.ok(nf.headers['request-id']);
  assert.ok(!ids.has(nf.headers['request-id']));
});

test('GET: queries run, mutations are refused with 405', async () => {
  const r = await get({ query: '{ __typename }' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { data: { __typename: 'Query' } });

  const vars = await get({ query: SKIP_QUERY, variables: JSON.stringify({ skip: false }) });
  assert.deepEqual(vars.json, { data: { __typename: 'Query' } });
  const skipped = await get({ query: SKIP_QUERY, variables: '{"skip":true}' });
  assert.deepEqual(skipped.json, { data: {} });

  const op = await get({ query: 'query A { a: __typename } query B { b: __typename }', operationName: 'B' });
  assert.deepEqual(op.json, { data: { b: 'Query' } });

  const m = await get({ query: 'mutation { createPost(title: "x") { id } }' });
  assert.equal(m.status, 405);
  assert.ok(m.headers.allow.includes('POST'), m.headers.allow);
  assert.ok(Array.isArray(m.json.errors) && m.json.errors.length > 0);

  // The same mutation over POST works.
  const ok = await post({ query: 'mutation { createPost(title: "x") { id } }' });
  assert.equal(ok.status, 200);
  assert.equal(typeof ok.json.data.createPost.id, 'string');

  // Without a query a GET is the empty document.
  const empty = await request({ method: 'GET', headers: { accept: 'application/json' } });
  assert.equal(empty.status, 200);
  assert.equal(empty.json.errors[0].message, 'Syntax Error: Unexpected <EOF>.');

  // HEAD answers like GET, without a body.
  const head = await request({ method: 'HEAD', path: `/graphql?${new URLSearchParams({ query: '{ __typename }' })}` });
  assert.equal(head.status, 200);
  assert.equal(head.text, '');
});

test('GET from a browser without a query: the offline playground page', async () => {
  const r = await request({ method: 'GET', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.match(r.text, /<textarea/);
  assert.match(r.text, /fetch\(/);
  // Loads nothing from the network.
  assert.doesNotMatch(r.text, /(src|href)\s*=\s*["']?(https?:)?\/\//);
});

test('batching: results in order, [] for an empty batch, a limit of 100', async () => {
  const r = await post([
    { query: '{ __typename }' },
    { query: SKIP_QUERY, variables: '{bad' },
    { query: SKIP_QUERY, variables: { skip: true } },
    { query: '' },
  ]);
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.json));
  assert.equal(r.json.length, 4);
  assert.deepEqual(r.json[0], { data: { __typename: 'Query' } });
  assert.equal(r.json[1].errors[0].code, 3024);
  assert.deepEqual(r.json[2], { data: {} });
  assert.equal(r.json[3].errors[0].message, 'Syntax Error: Unexpected <EOF>.');

  const empty = await post('[]');
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.json, []);

  const hundred = await post(Array.from({ length: 100 }, () => ({ query: '{ __typename }' })));
  assert.equal(hundred.status, 200);
  assert.equal(hundred.json.length, 100);
  const tooMany = await post(Array.from({ length: 101 }, () => ({ query: '{ __typename }' })));
  assert.equal(tooMany.status, 400);
  assert.ok(tooMany.json.errors[0].message.length > 0);
  await alive();
});

test('a body that is not JSON, or not an object/array, is HTTP 400', async () => {
  for (const body of ['{"query": ', 'not json', '42', '"str"', '', '[1, 2]']) {
    const r = await post(body);
    assert.equal(r.status, 400, `body ${JSON.stringify(body)}`);
    assert.match(r.headers['content-type'], /json/);
    assert.ok(r.json.errors[0].message.startsWith('Invalid request body: '), r.json.errors[0].message);
  }
  await alive();
});

test('bodies over the limit are HTTP 413 and the server keeps serving', async () => {
  const huge = JSON.stringify({ query: `{ __typename } #${'x'.repeat(2 * 1024 * 1024)}` });
  const r = await post(huge);
  assert.equal(r.status, 413);
  assert.ok(r.json.errors[0].message.length > 0);
  await alive();
  // Chunked upload without Content-Length: found while reading.
  const c = await request({ body: huge, headers: JSON_HEADERS, chunked: true });
  assert.equal(c.status, 413);
  await alive();
  // Just under the limit is fine.
  const fits = JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024 - 100)}` });
  const ok = await post(fits);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json, { data: { __typename: 'Query' } });
});

test('content types: application/graphql carries the query, others are refused', async () => {
  const g = await request({ body: '{ __typename }', headers: { 'content-type': 'application/graphql' } });
  assert.equal(g.status, 200);
  assert.deepEqual(g.json, { data: { __typename: 'Query' } });
  const charset = await post({ query: '{ __typename }' }, { 'content-type': 'application/json; charset=utf-8' });
  assert.deepEqual(charset.json, { data: { __typename: 'Query' } });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
    const r = await request({ body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': type } });
    assert.equal(r.status, 415, type);
    assert.ok(r.json.errors[0].message.includes(type));
  }
  await alive();
});

test('routing: /simple/v1/{service}, unknown service 3016, other paths 404, bad methods 405', async () => {
  const ok = await post({ query: '{ __typename }' }, {}, '/simple/v1/default');
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json, { data: { __typename: 'Query' } });

  const other = await post({ query: '{ __typename }' }, {}, '/simple/v1/someOtherProject');
  assert.equal(other.status, 404);
  assert.deepEqual(other.json, { errors: [{ message: "Project not found: 'someOtherProject'", code: 3016 }] });

  for (const path of ['/', '/graphq', '/graphql/x', '/simple/v1', '/simple/v1/default/extra']) {
    const r = await post({ query: '{ __typename }' }, {}, path);
    assert.equal(r.status, 404, path);
    assert.ok(r.json.errors[0].message.length > 0);
  }
  for (const method of ['PUT', 'DELETE', 'PATCH']) {
    const r = await request({ method, body: '{}', headers: JSON_HEADERS });
    assert.equal(r.status, 405, method);
    assert.ok(r.headers.allow.includes('POST'));
  }
  await alive();
});

test('variables: object, string holding JSON, invalid string (3024), blank string', async () => {
  const obj = await post({ query: SKIP_QUERY, variables: { skip: false } });
  assert.deepEqual(obj.json, { data: { __typename: 'Query' } });
  const str = await post({ query: SKIP_QUERY, variables: JSON.stringify({ skip: true }) });
  assert.deepEqual(str.json, { data: {} });

  const bad = await post({ query: SKIP_QUERY, variables: '{"skip": tru' });
  assert.equal(bad.status, 200);
  assert.equal('data' in bad.json, false);
  assert.deepEqual(bad.json.errors.map((e) => [e.message, e.code]),
    [['Variables could not be parsed as json: {"skip": tru', 3024]]);
  const badGr = await post({ query: SKIP_QUERY, variables: 'nope' }, { accept: GR });
  assert.equal(badGr.status, 400);
  assert.equal(badGr.json.errors[0].code, 3024);

  // Blank, null, or JSON that is not an object: no variables.
  for (const variables of ['', '  ', null, '[1]', '5']) {
    const r = await post({ query: SKIP_QUERY, variables });
    assert.equal('data' in r.json, false, `variables ${JSON.stringify(variables)}`);
    assert.match(r.json.errors[0].message, /^Variable "\$skip" of required type "Boolean!" was not provided/);
  }
});

test('missing query is the empty document; empty operationName is absent', async () => {
  for (const body of [{}, { query: null }, { query: 5 }, { variables: {} }]) {
    const r = await post(body);
    assert.equal(r.status, 200);
    assert.equal('data' in r.json, false);
    assert.equal(r.json.errors[0].message, 'Syntax Error: Unexpected <EOF>.');
  }
  const doc = 'query A { a: __typename } query B { b: __typename }';
  const noName = await post({ query: doc, operationName: '' });
  assert.equal(noName.json.errors[0].message, 'Must provide operation name if query contains multiple operations.');
  const nullName = await post({ query: doc, operationName: null });
  assert.equal(nullName.json.errors[0].message, 'Must provide operation name if query contains multiple operations.');
  const named = await post({ query: doc, operationName: 'A' });
  assert.deepEqual(named.json, { data: { a: 'Query' } });
});

test('keep-alive: several requests on one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const a = await request({ body: JSON.stringify({ query: '{ __typename }' }), headers: JSON_HEADERS, agent });
    const b = await request({ method: 'GET', path: `/graphql?${new URLSearchParams({ query: '{ __typename }' })}`, agent });
    const c = await request({ body: 'broken', headers: JSON_HEADERS, agent });
    const d = await request({ body: JSON.stringify({ query: '{ __typename }' }), headers: JSON_HEADERS, agent });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(c.status, 400);
    assert.equal(d.status, 200);
    assert.equal(a.reusedSocket, false);
    assert.equal(b.reusedSocket, true, 'second request reused the connection');
    assert.equal(c.reusedSocket, true);
    assert.equal(d.reusedSocket, true, 'an error answer keeps the connection');
    assert.deepEqual(d.json, { data: { __typename: 'Query' } });
  } finally {
    agent.destroy();
  }
});

test('start-up log line, then SIGTERM: clean exit with code 0', async () => {
  assert.match(srv.stderr(), /relata: serving \S+types\.graphql at http:\/\/127\.0\.0\.1:\d+\/graphql \((\S+)\)/);
  assert.ok(srv.stderr().includes(`(${srv.dbUrl})`), 'the log line names the database');
  const res = await srv.stop();
  srv = null;
  assert.deepEqual(res, { code: 0, signal: null });
});

test('SIGTERM lets a request in flight finish before exiting', async () => {
  const s2 = await startServer(MODEL);
  try {
    const body = JSON.stringify({ query: '{ __typename }' });
    const half = Math.floor(body.length / 2);
    const answer = new Promise((resolve, reject) => {
      const req = http.request(s2.url, {
        method: 'POST', agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.on('data', (c) => { text += c; });
        res.on('end', () => resolve({ status: res.statusCode, text }));
      });
      req.on('error', reject);
      // Headers and half of the body now; the rest only after the SIGTERM.
      req.write(body.slice(0, half));
      setTimeout(() => {
        s2.proc.kill('SIGTERM');
        setTimeout(() => {
          if (s2.proc.exitCode !== null) reject(new Error('exited with a request in flight'));
          else req.end(body.slice(half));
        }, 300);
      }, 300);
    });
    const r = await answer;
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.text), { data: { __typename: 'Query' } });
    assert.deepEqual(await s2.exited, { code: 0, signal: null });
  } finally {
    await s2.stop();
  }
});

test('usage errors exit with 2; an unusable model exits with 1', async () => {
  const { spawnSync } = await import('node:child_process');
  const { BIN } = await import('./lib/server.mjs');
  for (const args of [['serve'], ['serve', 'a.graphql', '--port', 'x'], ['serve', 'a.graphql', '--bogus'],
    ['serve', 'a.graphql', '--service', 'bad id'], ['serve', 'a.graphql', '--max-body']]) {
    const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 5000 });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /usage: relata serve/);
  }
  const missing = spawnSync(BIN, ['serve', '/nonexistent/types.graphql', '--port', '0', '--db', 'sqlite:/nonexistent/x.db'], { encoding: 'utf8', timeout: 5000 });
  assert.equal(missing.status, 1);
  assert.ok(missing.stderr.length > 0);
});
