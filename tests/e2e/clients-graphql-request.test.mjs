// clients-graphql-request.test.mjs - graphql-request beyond the basics covered in
// introspection.test.mjs: batchRequests (relata's JSON array batches), rawRequest with
// custom headers (the Request-Id header comes back), GET requests, per-request headers
// and error handling with partial data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GraphQLClient, batchRequests, rawRequest, ClientError, gql } from 'graphql-request';
import { startServer, readShared } from './lib/server.mjs';

let srv;
let userId;
before(async () => {
  srv = await startServer(readShared('spec/examples/blog/types.graphql'));
  const c = new GraphQLClient(srv.url);
  const r = await c.request(gql`mutation { createUser(email: "bo@example.com", name: "Bo") { id } }`);
  userId = r.createUser.id;
});
after(async () => { await srv?.stop(); });

test('batchRequests: one HTTP request, answers in order, errors per item', async () => {
  const out = await batchRequests(srv.url, [
    { document: gql`query ($id: ID) { User(id: $id) { name } }`, variables: { id: userId } },
    { document: gql`mutation ($a: ID!) { createPost(title: "T", slug: "t", authorId: $a) { slug } }`, variables: { a: userId } },
    { document: gql`{ _allPostsMeta { count } }` },
  ]);
  assert.deepEqual(out.map((r) => r.data), [
    { User: { name: 'Bo' } }, { createPost: { slug: 't' } }, { _allPostsMeta: { count: 1 } },
  ]);
  // One failing item makes graphql-request reject with all results attached.
  await assert.rejects(batchRequests(srv.url, [
    { document: gql`{ _allUsersMeta { count } }` },
    { document: gql`{ allUsers { nope } }` },
  ]), // (graphql-request hands the batch answer over as an object keyed "0", "1", ...)
    (e) => e instanceof ClientError &&
    e.response[0].data._allUsersMeta.count === 1 && /Cannot query field "nope"/.test(e.response[1].errors[0].message));
});

test('rawRequest with custom headers: status, Request-Id, extensions-free errors', async () => {
  const res = await rawRequest(srv.url, gql`{ allUsers { email } }`, undefined,
    { authorization: 'Bearer whatever', 'x-app-version': '1.2.3' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.data, { allUsers: [{ email: 'bo@example.com' }] });
  assert.match(res.headers.get('request-id'), /\S/);

  const c = new GraphQLClient(srv.url, { errorPolicy: 'all' });
  const partial = await c.rawRequest(gql`mutation ($u: ID!) {
    a: updateUser(id: $u, name: "Bo") { name }
    b: updateUser(id: "cnothere00000000000000000", name: "X") { name }
  }`, { u: userId });
  assert.deepEqual(partial.data, { a: { name: 'Bo' }, b: null });
  assert.equal(partial.errors[0].code, 3002);
  assert.deepEqual(partial.errors[0].path, ['b']);
  assert.equal(partial.errors[0].requestId, partial.headers.get('request-id'));
});

test('GET requests: queries run, mutations are refused with 405', async () => {
  const c = new GraphQLClient(srv.url, { method: 'GET' });
  const r = await c.request(gql`query Named($e: String) { User(email: $e) { name } }`, { e: 'bo@example.com' });
  assert.deepEqual(r, { User: { name: 'Bo' } });
  await assert.rejects(c.request(gql`mutation { createTag(name: "x") { id } }`),
    (e) => e instanceof ClientError && e.response.status === 405 &&
      /Can only perform a mutation operation from a POST request/.test(e.response.errors[0].message));
  const tags = await new GraphQLClient(srv.url).request(gql`{ _allTagsMeta { count } }`);
  assert.equal(tags._allTagsMeta.count, 0);
});

test('request middleware, per-request headers, documents with several operations', async () => {
  const seen = [];
  const c = new GraphQLClient(srv.url, {
    headers: { authorization: 'Bearer a' },
    requestMiddleware: (req) => { seen.push(req.operationName); return { ...req, headers: { ...req.headers, 'x-mw': '1' } }; },
  });
  const r = await c.request({ document: gql`query Count { _allUsersMeta { count } }`, requestHeaders: { 'x-trace': '1' } });
  assert.deepEqual(r, { _allUsersMeta: { count: 1 } });
  assert.deepEqual(seen, ['Count']);
  // graphql-request sends no operationName for a document with two operations: relata
  // answers the standard request error.
  const doc = gql`
    query Users { allUsers { name } }
    query Count { _allUsersMeta { count } }`;
  await assert.rejects(c.request(doc), (e) => e instanceof ClientError &&
    /Must provide operation name if query contains multiple operations/.test(e.response.errors[0].message));
});
