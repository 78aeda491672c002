// request-errors.test.mjs - malformed GraphQL requests get a clear request error (no
// "data" key) with the spec's wording and location, and the server keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, gql } from './lib/server.mjs';

const MODEL = `
type Post @model {
  id: ID! @isUnique
  title: String!
  views: Int
  comments: [Comment!]! @relation(name: "PostComments")
}
type Comment @model {
  id: ID! @isUnique
  text: String!
  post: Post @relation(name: "PostComments")
}
`;

let srv;
before(async () => { srv = await startServer(MODEL); });
after(async () => { await srv?.stop(); });

async function alive() {
  const r = await gql(srv.url, '{ _allPostsMeta { count } }');
  assert.equal(r.status, 200);
  assert.equal(typeof r.body.data._allPostsMeta.count, 'number');
}

function requestError(r, messageStart) {
  assert.equal(r.status, 200);
  assert.equal('data' in r.body, false, `no data key: ${JSON.stringify(r.body)}`);
  assert.ok(r.body.errors.length >= 1);
  assert.ok(r.body.errors[0].message.startsWith(messageStart),
    `"${r.body.errors[0].message}" starts with "${messageStart}"`);
}

test('syntax error with graphql-js wording and location', async () => {
  const r = await gql(srv.url, '{ allPosts { id }');
  requestError(r, 'Syntax Error: Expected Name, found <EOF>.');
  assert.deepEqual(r.body.errors[0].locations, [{ line: 1, column: 18 }]);
  requestError(await gql(srv.url, 'quer { x }'), 'Syntax Error: Unexpected Name "quer".');
  requestError(await gql(srv.url, ''), 'Syntax Error: Unexpected <EOF>.');
  await alive();
});

test('documents nested 60 levels are accepted, beyond the parser limit are refused', async () => {
  const nest = (n) => 'query { allPosts(filter: ' + '{AND: ['.repeat(n) + '{}' + ']}'.repeat(n) + ') { id } }';
  const ok = await gql(srv.url, nest(60));
  assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
  requestError(await gql(srv.url, nest(5000)), 'Syntax Error: Document is nested too deeply.');
  const deepSel = '{ allPosts { ' + 'comments { post { '.repeat(30) + 'id' + ' } }'.repeat(30) + ' } }';
  const r = await gql(srv.url, deepSel);
  assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
  await alive();
});

test('operation selection errors', async () => {
  const two = 'query A { allPosts { id } } query B { allPosts { id } }';
  requestError(await gql(srv.url, two), 'Must provide operation name if query contains multiple operations.');
  requestError(await gql(srv.url, two, undefined, { operationName: 'C' }), 'Unknown operation named "C".');
  const r = await gql(srv.url, two, undefined, { operationName: 'B' });
  assert.deepEqual(r.body, { data: { allPosts: [] } });
});

test('invalid variables are request errors with graphql-js wording', async () => {
  const q = 'query ($n: Int!, $t: String) { allPosts(first: $n, filter: {title: $t}) { id } }';
  requestError(await gql(srv.url, q, {}), 'Variable "$n" of required type "Int!" was not provided.');
  requestError(await gql(srv.url, q, { n: null }), 'Variable "$n" of non-null type "Int!" must not be null.');
  requestError(await gql(srv.url, q, { n: 1.5 }), 'Variable "$n" got invalid value 1.5;');
  requestError(await gql(srv.url, q, { n: 'x' }), 'Variable "$n" got invalid value "x";');
  requestError(await gql(srv.url, q, { n: 1, t: 5 }), 'Variable "$t" got invalid value 5;');
  await alive();
});

test('validation errors are all reported with locations', async () => {
  const r = await gql(srv.url, '{ allPosts(frist: 1) { id titel } Post { id } }');
  assert.equal('data' in r.body, false);
  const msgs = r.body.errors.map((e) => e.message);
  assert.ok(msgs.some((m) => m.startsWith('Unknown argument "frist" on field "Query.allPosts".')), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith('Cannot query field "titel" on type "Post".')), msgs.join('\n'));
  for (const e of r.body.errors) assert.ok(Array.isArray(e.locations) && e.locations.length > 0);
  await alive();
});

test('subscriptions over HTTP are refused with the spec message', async () => {
  requestError(await gql(srv.url, 'subscription { Post { mutation } }'),
    'Subscriptions are only supported over the WebSocket endpoint.');
});

test('field errors keep data and carry code, path, locations and requestId', async () => {
  const r = await gql(srv.url, 'mutation { a: createPost(title: "x") { id } b: updatePost(id: "nope", title: "y") { id } }');
  assert.equal(r.body.data.b, null);
  assert.equal(typeof r.body.data.a.id, 'string');
  const e = r.body.errors[0];
  assert.equal(e.code, 3002);
  assert.equal(e.message, "'Post' has no item with id 'nope'");
  assert.deepEqual(e.path, ['b']);
  assert.deepEqual(e.locations, [{ line: 1, column: 45 }]);
  assert.equal(typeof e.requestId, 'string');
  assert.equal(r.headers.get('request-id'), e.requestId);
  const q = await gql(srv.url, '{ allPosts(first: 5000) { id } }');
  assert.equal(q.body.data, null);
  assert.equal(q.body.errors[0].code, 2041);
});
