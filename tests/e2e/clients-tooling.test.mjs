// clients-tooling.test.mjs - what build-time GraphQL tooling does with relata: a code
// generator loads the schema by introspection (graphql-js getIntrospectionQuery +
// buildClientSchema) and validates the app's documents against it; every typical app
// document must be valid client-side and run without errors server-side, and graphql-js
// executing the documents needs no server knowledge beyond the introspected schema.
// Also graphql-http's audit suite of the GraphQL-over-HTTP spec: every MUST passes
// (SHOULD and MAY results are printed as diagnostics).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  getIntrospectionQuery, buildClientSchema, parse, validate, TypeInfo, visit,
  visitWithTypeInfo, getNamedType, isEnumType,
} from 'graphql';
import { serverAudits } from 'graphql-http';
import { startServer, gql, readShared } from './lib/server.mjs';

let srv;
let schema;
const ids = {};
before(async () => {
  srv = await startServer(readShared('spec/examples/blog/types.graphql'));
  const { body } = await gql(srv.url, getIntrospectionQuery({ inputValueDeprecation: true, directiveIsRepeatable: true }));
  assert.equal(body.errors, undefined);
  schema = buildClientSchema(body.data);
  const u = await gql(srv.url, 'mutation { createUser(email: "cy@example.com", name: "Cy", settings: "{\\"theme\\": \\"dark\\"}") { id } }');
  ids.user = u.body.data.createUser.id;
  const p = await gql(srv.url, `mutation ($a: ID!) { createPost(title: "Hi", slug: "hi", authorId: $a,
    tags: [{ name: "c" }], comments: [{ text: "first!" }], metadata: "{\\"k\\": [1, 2]}") { id tags { id } } }`, { a: ids.user });
  ids.post = p.body.data.createPost.id;
  ids.tag = p.body.data.createPost.tags[0].id;
});
after(async () => { await srv?.stop(); });

// The documents of a typical app (as a code generator would collect them from its
// sources), each with the variables the app passes.
const USER_CARD = 'fragment UserCard on User { id name email role settings }';
const POST_SUMMARY = `fragment PostSummary on Post {
    id title slug status published publishedAt rating keywords metadata
    author { ...UserCard }
    tags(orderBy: name_ASC) { id name }
    commentCount: _commentsMeta { count }
  }`;
// The document text with the fragments it spreads (as the generator would append them).
function withFragments(text) {
  const parts = [text];
  if (text.includes('...PostSummary')) parts.push(POST_SUMMARY);
  if (text.includes('...PostSummary') || text.includes('...UserCard')) parts.push(USER_CARD);
  return parts.join('\n');
}
const DOCUMENTS = [
  ['Feed', `query Feed($first: Int = 10, $skip: Int, $status: PostStatus) {
      allPosts(first: $first, skip: $skip, orderBy: createdAt_DESC, filter: { status: $status }) { ...PostSummary }
      _allPostsMeta(filter: { status: $status }) { count }
    }`, () => ({ first: 5 })],
  ['PostBySlug', `query PostBySlug($slug: String!) {
      Post(slug: $slug) { ...PostSummary body comments(orderBy: createdAt_ASC) { id text author { id } } }
    }`, () => ({ slug: 'hi' })],
  ['Search', `query Search($q: String!, $tags: [String!]) {
      allPosts(filter: { OR: [{ title_contains: $q }, { body_contains: $q }], tags_some: { name_in: $tags } }) { id title }
    }`, () => ({ q: 'H', tags: ['c'] })],
  ['Me', `query Me($id: ID!) { User(id: $id) { ...UserCard following { id } followers { id } pinnedPost { id } } }`,
    () => ({ id: ids.user })],
  ['CreatePost', `mutation CreatePost($title: String!, $slug: String!, $author: ID!, $kw: [String!], $meta: Json) {
      createPost(title: $title, slug: $slug, authorId: $author, keywords: $kw, metadata: $meta) { ...PostSummary }
    }`, () => ({ title: 'New', slug: 'new', author: ids.user, kw: ['x'], meta: { a: 1 } })],
  ['Publish', `mutation Publish($id: ID!, $at: DateTime) {
      updatePost(id: $id, status: PUBLISHED, published: true, publishedAt: $at) { id status published publishedAt }
    }`, () => ({ id: ids.post, at: '2024-05-01T10:00:00.000Z' })],
  ['Tag', `mutation Tag($post: ID!, $tag: ID!) {
      addToPostTags(postsPostId: $post, tagsTagId: $tag) { postsPost { id } tagsTag { name } }
    }`, () => ({ post: ids.post, tag: ids.tag })],
  ['Comment', `mutation Comment($post: ID!, $text: String!, $author: ID) {
      createComment(postId: $post, text: $text, authorId: $author) { id text post { id } author { ...UserCard } }
    }`, () => ({ post: ids.post, text: 'nice', author: ids.user })],
  ['Rename', `mutation Rename($id: ID!, $name: String, $settings: Json) {
      updateUser(id: $id, name: $name, settings: $settings) { ...UserCard updatedAt }
    }`, () => ({ id: ids.user, name: 'Cyd', settings: null })],
  ['TagCloud', `query TagCloud { allTags(orderBy: name_ASC) { name posts: _postsMeta { count } } }`, () => ({})],
];

test('a code generator: schema by introspection, app documents valid and answered', async () => {
  for (const [name, text, vars] of DOCUMENTS) {
    const full = withFragments(text);
    const doc = parse(full);
    const errors = validate(schema, doc);
    assert.deepEqual(errors.map((e) => e.message), [], `${name} is invalid client-side`);
    const { status, body } = await gql(srv.url, full, vars(), { operationName: name });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, `${name}: ${JSON.stringify(body.errors)}`);
    assert.ok(body.data, name);
    // Every enum value the server returns is a value the generated TypeScript enum has.
    const info = new TypeInfo(schema);
    const enumsAt = [];
    visit(doc, visitWithTypeInfo(info, {
      Field(node) {
        const t = getNamedType(info.getType());
        if (isEnumType(t)) enumsAt.push([(node.alias || node.name).value, t]);
      },
    }));
    const walk = (v) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          for (const [key, t] of enumsAt) if (key === k && x !== null) assert.ok(t.getValue(x), `${name}.${k}=${x}`);
          walk(x);
        }
      }
    };
    walk(body.data);
  }
});

test('the server rejects exactly what client-side validation rejects', async () => {
  const bad = [
    '{ allPosts(filter: { title_startsWith: "x" }) { id } }',
    'query ($s: PostStatus) { allPosts(filter: { status: $s }) { id status(x: 1) } }',
    'mutation { createPost(title: "x") { id } }',
    '{ User(id: "x") { posts { ...F } } } fragment F on Comment { text }',
    'query ($n: Int!) { allPosts(first: $n) { id } } query { allTags { id } }',
  ];
  for (const text of bad) {
    const client = validate(schema, parse(text)).map((e) => e.message);
    assert.notDeepEqual(client, [], text);
    const { body } = await gql(srv.url, text);
    assert.equal(body.data, undefined, text);
    assert.deepEqual(body.errors.map((e) => e.message), client, text);
  }
});

test('graphql-http audits: every MUST passes', async (t) => {
  const results = [];
  for (const audit of serverAudits({ url: srv.url, fetchFn: fetch })) {
    const r = await audit.fn();
    results.push({ id: audit.id, name: audit.name, status: r.status, reason: r.reason });
  }
  const failed = results.filter((r) => r.status !== 'ok');
  // MAY notices (relata keeps HTTP 200 for odd parameter types: Graphcool's behaviour)
  // are only counted; SHOULD and MUST failures are listed.
  for (const r of failed.filter((x) => !x.name.startsWith('MAY'))) t.diagnostic(`${r.status} ${r.id} ${r.name}: ${r.reason}`);
  const musts = failed.filter((r) => r.name.startsWith('MUST'));
  assert.deepEqual(musts, []);
  const count = (w) => failed.filter((r) => r.name.startsWith(w)).length;
  t.diagnostic(`${results.length} audits: ${count('SHOULD')} SHOULD failed, ${count('MAY')} MAY not taken`);
  assert.ok(results.length > 50);
});

test('graphql-http\'s reference client: results and request errors', async () => {
  const { createClient } = await import('graphql-http');
  const client = createClient({ url: srv.url, fetchFn: fetch });
  const run = (payload) => new Promise((resolve, reject) => {
    let result;
    client.subscribe(payload, { next: (r) => { result = r; }, error: reject, complete: () => resolve(result) });
  });
  const ok = await run({ query: 'query ($s: String) { Post(slug: $s) { title author { name } } }', variables: { s: 'hi' } });
  assert.deepEqual(ok, { data: { Post: { title: 'Hi', author: { name: 'Cyd' } } } });
  // A request error is an HTTP 400 application/graphql-response+json answer (the spec's
  // rule, as this client asks for that type); the client rejects with the response.
  const err = await run({ query: '{ allPosts { nope } }' }).then(() => null, (e) => e);
  {
    assert.equal(err?.name, 'NetworkError');
    assert.equal(err.response.status, 400);
    assert.match(err.response.headers.get('content-type'), /^application\/graphql-response\+json/);
    const body = await err.response.json();
    assert.equal(body.data, undefined);
    assert.match(body.errors[0].message, /Cannot query field "nope" on type "Post"/);
  }
  // A field error is a 200 result with data and coded errors.
  const field = await run({ query: '{ allPosts(first: 5000) { id } }' });
  assert.equal(field.data, null);
  assert.equal(field.errors[0].code, 2041);
  client.dispose();
});
