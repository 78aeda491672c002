// clients-browser.test.mjs - what a browser does before and around an app's GraphQL
// requests, checked the way the browser's CORS algorithm checks it: the preflight for
// the custom headers Apollo and others send (authorization, apollo-require-preflight,
// x-apollo-operation-name, apollographql-client-name), the CORS headers of the actual
// answer, GET queries with Accept: application/graphql-response+json (Apollo Client 4's
// default Accept), and credentialed requests (credentials: 'include').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readShared } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer(readShared('spec/examples/blog/types.graphql')); });
after(async () => { await srv?.stop(); });

const ORIGIN = 'https://app.example.com';
const APP_HEADERS = ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name',
  'apollographql-client-name', 'apollographql-client-version'];

// The browser's CORS check of an actual response (fetch spec, "CORS check"). With
// credentials (fetch's credentials: 'include', e.g. Apollo's HttpLink so configured) the
// origin must be echoed, not '*', and Access-Control-Allow-Credentials must be "true".
function corsAllows(res, origin, credentials = false) {
  const allow = res.headers.get('access-control-allow-origin');
  if (credentials) return allow === origin && res.headers.get('access-control-allow-credentials') === 'true';
  return allow === '*' || allow === origin;
}

// The preflight check (fetch spec, "CORS-preflight fetch"): status ok, origin allowed,
// method and every requested header allowed (case-insensitive; '*' counts for
// non-credentialed requests except for authorization).
function preflightAllows(res, origin, method, headers, credentials = false) {
  if (res.status < 200 || res.status > 299 || !corsAllows(res, origin, credentials)) return false;
  const methods = (res.headers.get('access-control-allow-methods') || '').split(',').map((m) => m.trim().toUpperCase());
  if (!['GET', 'HEAD', 'POST'].includes(method) && !methods.includes(method) && !methods.includes('*')) return false;
  const allowed = (res.headers.get('access-control-allow-headers') || '').split(',').map((h) => h.trim().toLowerCase());
  return headers.every((h) => allowed.includes(h) || (allowed.includes('*') && h !== 'authorization'));
}

test('preflight for a POST with Apollo\'s custom headers, then the actual request', async () => {
  const pre = await fetch(srv.url, { method: 'OPTIONS', headers: {
    origin: ORIGIN, 'access-control-request-method': 'POST',
    'access-control-request-headers': APP_HEADERS.join(','),
  } });
  assert.ok(preflightAllows(pre, ORIGIN, 'POST', APP_HEADERS, true),
    `preflight refused: ${JSON.stringify(Object.fromEntries(pre.headers))}`);
  assert.ok(Number(pre.headers.get('access-control-max-age')) > 0);

  const res = await fetch(srv.url, { method: 'POST', headers: {
    origin: ORIGIN, 'content-type': 'application/json', accept: 'application/graphql-response+json,application/json;q=0.9',
    authorization: 'Bearer t', 'apollo-require-preflight': 'true', 'x-apollo-operation-name': 'Count',
    'apollographql-client-name': 'web',
  }, body: JSON.stringify({ query: 'query Count { _allPostsMeta { count } }', operationName: 'Count' }) });
  assert.equal(res.status, 200);
  assert.ok(corsAllows(res, ORIGIN, true));
  assert.match(res.headers.get('vary') || '', /origin/i);
  // The app may read Request-Id (support tickets): it must be exposed to scripts.
  assert.match(res.headers.get('access-control-expose-headers') || '', /request-id/i);
  assert.match(res.headers.get('content-type'), /^application\/graphql-response\+json/);
  assert.deepEqual(await res.json(), { data: { _allPostsMeta: { count: 0 } } });
});

test('preflight on the Graphcool path and for a GET with headers', async () => {
  for (const path of ['/graphql', '/simple/v1/default']) {
    const pre = await fetch(`http://127.0.0.1:${srv.port}${path}`, { method: 'OPTIONS', headers: {
      origin: ORIGIN, 'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization,x-apollo-operation-name',
    } });
    assert.ok(preflightAllows(pre, ORIGIN, 'GET', ['authorization', 'x-apollo-operation-name']), path);
  }
  // No Origin (a same-origin or non-browser client): still a valid answer.
  const plain = await fetch(srv.url, { method: 'OPTIONS' });
  assert.equal(plain.status, 200);
  assert.match(plain.headers.get('allow'), /POST/);
});

test('GET queries with Accept: application/graphql-response+json', async () => {
  const get = async (params, headers = {}) => {
    const url = `${srv.url}?${new URLSearchParams(params)}`;
    const res = await fetch(url, { headers: { origin: ORIGIN, accept: 'application/graphql-response+json', ...headers } });
    return { status: res.status, type: res.headers.get('content-type'), cors: corsAllows(res, ORIGIN),
      allow: res.headers.get('allow'), body: await res.json() };
  };
  const ok = await get({ query: 'query Q($n: Int) { allPosts(first: $n) { id } }', variables: '{"n":1}', operationName: 'Q' });
  assert.equal(ok.status, 200);
  assert.match(ok.type, /^application\/graphql-response\+json/);
  assert.ok(ok.cors);
  assert.deepEqual(ok.body, { data: { allPosts: [] } });

  // A request error (validation) is 400 under the new media type, with the errors in JSON.
  const bad = await get({ query: '{ allPosts { nope } }' });
  assert.equal(bad.status, 400);
  assert.ok(bad.cors);
  assert.equal(bad.body.data, undefined);
  assert.match(bad.body.errors[0].message, /Cannot query field "nope"/);

  // A field error keeps 200 with data.
  const field = await get({ query: '{ allPosts(first: 5000) { id } }' });
  assert.equal(field.status, 200);
  assert.equal(field.body.errors[0].code, 2041);

  // A mutation over GET: 405 with Allow: POST, still readable cross-origin.
  const mut = await get({ query: 'mutation { createTag(name: "t") { id } }' });
  assert.equal(mut.status, 405);
  assert.equal(mut.allow, 'POST');
  assert.ok(mut.cors);

  // Plain application/json (older clients) keeps Graphcool's 200 for request errors.
  const legacy = await get({ query: '{ allPosts { nope } }' }, { accept: 'application/json' });
  assert.equal(legacy.status, 200);
  assert.match(legacy.type, /^application\/json/);

  // A browser navigating to the endpoint gets the playground, not JSON.
  const page = await fetch(srv.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
});
