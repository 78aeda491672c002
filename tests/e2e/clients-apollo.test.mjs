// clients-apollo.test.mjs - Apollo Client (core, no React) used the way an app uses it,
// against relata on the spec's blog model: variables, fragments and aliases through the
// normalised cache (which adds __typename to every selection set, inline fragments and
// mutation payloads included), refetchQueries and cache updates after mutations, error
// policies with coded errors, the batch link (relata's JSON array batches) and
// automatic persisted queries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ApolloClient, InMemoryCache, HttpLink, gql } from '@apollo/client/core';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { startServer, gql as post, readShared } from './lib/server.mjs';

let srv;
let ann; // { id, email }
before(async () => {
  srv = await startServer(readShared('spec/examples/blog/types.graphql'));
  const u = await post(srv.url, 'mutation { createUser(email: "ann@example.com", name: "Ann", role: AUTHOR) { id email } }');
  ann = u.body.data.createUser;
  for (const [i, title] of ['First', 'Second', 'Third'].entries()) {
    const r = await post(srv.url, `mutation ($a: ID!, $t: String!, $s: String!, $v: Int) {
      createPost(title: $t, slug: $s, authorId: $a, viewCount: $v, keywords: ["k${i}"]) { id } }`,
    { a: ann.id, t: title, s: title.toLowerCase(), v: i * 10 });
    assert.equal(r.body.errors, undefined, JSON.stringify(r.body.errors));
  }
});
after(async () => { await srv?.stop(); });

// Records every HTTP request the client makes (method, parsed body or URL) and passes it
// on to node's fetch.
function recordingFetch() {
  const calls = [];
  const f = async (url, init = {}) => {
    calls.push({ method: init.method || 'GET', url: String(url),
      body: init.body ? JSON.parse(init.body) : undefined, headers: init.headers });
    return fetch(url, init);
  };
  return { calls, fetch: f };
}

function client(link) {
  return new ApolloClient({ link: link || new HttpLink({ uri: srv.url, fetch }), cache: new InMemoryCache() });
}

const POST_FIELDS = gql`
  fragment PostFields on Post {
    id
    title
    author { id name ... on User { email } }
  }`;

test('query with variables, named and inline fragments, aliases; __typename everywhere', async () => {
  const c = client();
  const { data, error } = await c.query({
    query: gql`
      query Posts($min: Int!, $first: Int) {
        posts: allPosts(filter: { viewCount_gte: $min }, orderBy: viewCount_ASC, first: $first) {
          ...PostFields
          views: viewCount
          ... on Post { kw: keywords }
        }
        meta: _allPostsMeta { count }
      }
      ${POST_FIELDS}`,
    variables: { min: 10, first: 5 },
  });
  assert.equal(error, undefined);
  assert.deepEqual(data.posts.map((p) => [p.title, p.views, p.kw]), [['Second', 10, ['k1']], ['Third', 20, ['k2']]]);
  assert.equal(data.meta.count, 3);
  // Apollo asked for __typename in each selection set, and relata answered it.
  assert.equal(data.posts[0].__typename, 'Post');
  assert.equal(data.posts[0].author.__typename, 'User');
  assert.equal(data.posts[0].author.email, 'ann@example.com');
  assert.equal(data.meta.__typename, '_QueryMeta');
  // The cache normalised the objects by id.
  const cache = c.cache.extract();
  assert.equal(cache[`User:${ann.id}`].name, 'Ann');
  assert.equal(Object.keys(cache).filter((k) => k.startsWith('Post:')).length, 2);
});

test('the normalised cache: a mutation payload updates every query that shows the object', async () => {
  const c = client();
  const Q = gql`query AllPosts { allPosts(orderBy: title_ASC) { ...PostFields } } ${POST_FIELDS}`;
  const first = await c.query({ query: Q });
  const target = first.data.allPosts.find((p) => p.title === 'First');
  const { data } = await c.mutate({
    mutation: gql`mutation ($id: ID!, $t: String) { updatePost(id: $id, title: $t) { id title __typename } }`,
    variables: { id: target.id, t: 'First (edited)' },
  });
  assert.equal(data.updatePost.title, 'First (edited)');
  // Read back from the cache alone: the list entry changed without a refetch.
  const cached = c.readQuery({ query: Q });
  assert.equal(cached.allPosts.find((p) => p.id === target.id).title, 'First (edited)');
  const again = await c.query({ query: Q, fetchPolicy: 'cache-only' });
  assert.equal(again.data.allPosts.find((p) => p.id === target.id).title, 'First (edited)');
  await post(srv.url, 'mutation ($id: ID!) { updatePost(id: $id, title: "First") { id } }', { id: target.id });
});

test('mutations: refetchQueries by operation name, and a cache update function', async () => {
  const c = client();
  const Q = gql`query AnnPosts($a: ID!) { User(id: $a) { id posts(orderBy: slug_ASC) { id slug } } }`;
  const watched = c.watchQuery({ query: Q, variables: { a: ann.id } });
  const seen = [];
  const sub = watched.subscribe({ next: (r) => seen.push(r.data) });
  try {
    await watched.refetch();
    const before = seen.at(-1).User.posts.length;
    const created = await c.mutate({
      mutation: gql`mutation ($a: ID!) { createPost(title: "Fourth", slug: "fourth", authorId: $a) { id slug author { id } } }`,
      variables: { a: ann.id },
      refetchQueries: ['AnnPosts'],
      awaitRefetchQueries: true,
    });
    const id4 = created.data.createPost.id;
    const after = watched.getCurrentResult().data.User.posts;
    assert.equal(after.length, before + 1);
    assert.ok(after.some((p) => p.id === id4));

    // An update function edits the cached list instead of refetching.
    const del = await c.mutate({
      mutation: gql`mutation ($id: ID!) { deletePost(id: $id) { id } }`,
      variables: { id: id4 },
      update(cache, { data }) {
        const ref = cache.identify(data.deletePost);
        assert.equal(ref, `Post:${id4}`); // __typename came back in the payload
        cache.evict({ id: ref });
        cache.gc();
      },
    });
    assert.equal(del.data.deletePost.__typename, 'Post');
    const now = c.readQuery({ query: Q, variables: { a: ann.id } }).User.posts;
    assert.equal(now.length, before);
    const server = await post(srv.url, '{ _allPostsMeta { count } }');
    assert.equal(server.body.data._allPostsMeta.count, before);
  } finally {
    sub.unsubscribe();
  }
});

test('error policies: coded field errors reach the client with code and path', async () => {
  const c = client();
  // errorPolicy 'all' on a mutation: one root field fails (3002), the other succeeds.
  const M = gql`mutation ($a: ID!) {
    ok: updateUser(id: $a, name: "Ann") { id name }
    missing: deletePost(id: "cnotthere0000000000000000") { id }
  }`;
  const all = await c.mutate({ mutation: M, variables: { a: ann.id }, errorPolicy: 'all' });
  assert.equal(all.data.ok.name, 'Ann');
  assert.equal(all.data.missing, null);
  assert.equal(all.error.name, 'CombinedGraphQLErrors');
  const [e] = all.error.errors;
  assert.equal(e.code, 3002);
  assert.deepEqual(e.path, ['missing']);
  assert.match(e.message, /'Post' has no item with id 'cnotthere0000000000000000'/);
  assert.ok(e.requestId);

  // A query whose non-null root field fails: data is null, the error is coded.
  const q = await c.query({ query: gql`{ allPosts(first: 5000) { id } }`, errorPolicy: 'all' });
  assert.equal(q.data, null);
  assert.equal(q.error.errors[0].code, 2041);
  assert.deepEqual(q.error.errors[0].path, ['allPosts']);

  // The default policy ('none') rejects; 'ignore' drops the errors.
  await assert.rejects(c.query({ query: gql`{ b: allPosts(first: 5000) { id } }` }),
    (err) => err.name === 'CombinedGraphQLErrors' && err.errors[0].code === 2041);
  const ign = await c.mutate({ mutation: M, variables: { a: ann.id }, errorPolicy: 'ignore' });
  assert.equal(ign.error, undefined);
  assert.equal(ign.data.ok.name, 'Ann');

  // A validation error is a request error (HTTP 400 under application/graphql-response+json,
  // which Apollo asks for); Apollo still reads the GraphQL errors from the body.
  await assert.rejects(c.query({ query: gql`{ allPosts { id titel } }` }),
    (err) => err.name === 'CombinedGraphQLErrors' &&
      /Cannot query field "titel" on type "Post"/.test(err.errors[0].message));
});

test('BatchHttpLink: concurrent operations travel as one JSON array batch', async () => {
  const rec = recordingFetch();
  const c = client(new BatchHttpLink({ uri: srv.url, fetch: rec.fetch, batchMax: 10, batchInterval: 20 }));
  const [a, b, m] = await Promise.all([
    c.query({ query: gql`query A { allUsers { id email } }` }),
    c.query({ query: gql`query B($s: String) { Post(slug: $s) { id title } }`, variables: { s: 'second' } }),
    c.query({ query: gql`query C { nope: allPosts(first: 5000) { id } }`, errorPolicy: 'all' }),
  ]);
  assert.equal(rec.calls.length, 1);
  assert.ok(Array.isArray(rec.calls[0].body));
  assert.equal(rec.calls[0].body.length, 3);
  assert.equal(a.data.allUsers[0].email, 'ann@example.com');
  assert.equal(b.data.Post.title, 'Second');
  assert.equal(b.data.Post.__typename, 'Post');
  assert.equal(m.error.errors[0].code, 2041);
});

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

test('automatic persisted queries: hash first, PersistedQueryNotFound, retry with the query', async () => {
  const rec = recordingFetch();
  const link = new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: srv.url, fetch: rec.fetch }));
  const Q = gql`query Apq($s: String) { Post(slug: $s) { id title } }`;
  const c1 = client(link);
  const r1 = await c1.query({ query: Q, variables: { s: 'third' } });
  assert.equal(r1.data.Post.title, 'Third');
  // First the hash alone (unknown to the server), then hash + query.
  assert.equal(rec.calls.length, 2);
  assert.equal(rec.calls[0].body.query, undefined);
  assert.ok(rec.calls[0].body.extensions.persistedQuery.sha256Hash);
  assert.equal(typeof rec.calls[1].body.query, 'string');

  // Another client (say, another browser) sending the same hash now hits the cache.
  const rec2 = recordingFetch();
  const c2 = client(new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: srv.url, fetch: rec2.fetch })));
  const r2 = await c2.query({ query: Q, variables: { s: 'second' } });
  assert.equal(r2.data.Post.title, 'Second');
  assert.equal(rec2.calls.length, 1);
  assert.equal(rec2.calls[0].body.query, undefined);

  // GET for hashed queries (CDN-friendly): the extensions travel in the URL.
  const rec3 = recordingFetch();
  const c3 = client(new PersistedQueryLink({ sha256, useGETForHashedQueries: true })
    .concat(new HttpLink({ uri: srv.url, fetch: rec3.fetch })));
  const r3 = await c3.query({ query: Q, variables: { s: 'first' } });
  assert.equal(r3.data.Post.title, 'First');
  assert.equal(rec3.calls.length, 1);
  assert.equal(rec3.calls[0].method, 'GET');
  assert.match(rec3.calls[0].url, /extensions=/);
  // An unknown hash over GET: the miss comes back as a request error (HTTP 400 under
  // application/graphql-response+json); the link retries by POST with the query.
  const Q3 = gql`query Apq3($s: String) { Post(slug: $s) { id slug } }`;
  const r5 = await c3.query({ query: Q3, variables: { s: 'second' } });
  assert.equal(r5.data.Post.slug, 'second');
  assert.deepEqual(rec3.calls.slice(1).map((x) => x.method), ['GET', 'POST']);
  const c4 = client(new PersistedQueryLink({ sha256, useGETForHashedQueries: true })
    .concat(new HttpLink({ uri: srv.url, fetch: rec3.fetch })));
  await c4.query({ query: Q3, variables: { s: 'third' } });
  assert.deepEqual(rec3.calls.slice(3).map((x) => x.method), ['GET']);
  rec3.calls.length = 1;
  const M = gql`mutation ApqM($id: ID!) { updateUser(id: $id, name: "Ann") { id name } }`;
  const r4 = await c3.mutate({ mutation: M, variables: { id: ann.id } });
  assert.equal(r4.data.updateUser.name, 'Ann');
  assert.ok(rec3.calls.slice(1).every((x) => x.method === 'POST'));
});

test('persisted queries: the protocol answers on the wire', async () => {
  const query = '{ _allUsersMeta { count } }';
  const hash = sha256(query);
  const ext = (h) => ({ persistedQuery: { version: 1, sha256Hash: h } });
  const raw = async (body, headers = {}) => {
    const res = await fetch(srv.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const miss = await raw({ extensions: ext(hash) });
  assert.equal(miss.status, 200);
  assert.deepEqual(miss.body, { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  // A request error: 400 when the client asks for application/graphql-response+json.
  const miss2 = await raw({ extensions: ext(hash) }, { accept: 'application/graphql-response+json' });
  assert.equal(miss2.status, 400);
  // A query whose hash does not match is refused and not stored.
  const bad = await raw({ query: '{ __typename }', extensions: ext(hash) });
  assert.equal(bad.body.data, undefined);
  assert.match(bad.body.errors[0].message, /provided sha does not match query/);
  assert.deepEqual(await raw({ extensions: ext(hash) }), miss);
  // Register, then run by hash alone (also inside a batch).
  const reg = await raw({ query, extensions: ext(hash) });
  assert.deepEqual(reg.body, { data: { _allUsersMeta: { count: 1 } } });
  const hit = await raw({ extensions: ext(hash.toUpperCase()) });
  assert.deepEqual(hit.body, reg.body);
  const batch = await raw([{ extensions: ext(hash) }, { extensions: ext(sha256('{ x }')) }]);
  assert.deepEqual(batch.body[0], reg.body);
  assert.equal(batch.body[1].errors[0].message, 'PersistedQueryNotFound');
  // An unknown protocol version is refused.
  const v2 = await raw({ extensions: { persistedQuery: { version: 2, sha256Hash: hash } } });
  assert.match(v2.body.errors[0].message, /Unsupported persisted query version/);
  assert.equal(v2.body.data, undefined);
});

test('interfaces and pagination: node(id) with possibleTypes, fetchMore with skip/first', async () => {
  const c = new ApolloClient({
    link: new HttpLink({ uri: srv.url, fetch }),
    cache: new InMemoryCache({
      possibleTypes: { Node: ['User', 'Post', 'Comment', 'Tag'] },
      typePolicies: {
        Query: { fields: { allPosts: { keyArgs: ['orderBy'], merge: (old = [], more) => [...old, ...more] } } },
      },
    }),
  });
  const N = gql`query N($id: ID!) { node(id: $id) { id ... on User { email } ... on Post { title } } }`;
  const u = await c.query({ query: N, variables: { id: ann.id } });
  assert.deepEqual(u.data.node, { __typename: 'User', id: ann.id, email: 'ann@example.com' });
  // The node is the same cache entry as the User.
  assert.equal(c.cache.extract()[`User:${ann.id}`].email, 'ann@example.com');

  const P = gql`query Page($skip: Int, $first: Int) { allPosts(orderBy: slug_ASC, skip: $skip, first: $first) { id slug } }`;
  const obs = c.watchQuery({ query: P, variables: { skip: 0, first: 2 } });
  const first = await obs.refetch();
  assert.deepEqual(first.data.allPosts.map((p) => p.slug), ['first', 'second']);
  const more = await obs.fetchMore({ variables: { skip: 2, first: 2 } });
  assert.deepEqual(more.data.allPosts.map((p) => p.slug), ['third']);
  assert.deepEqual(obs.getCurrentResult().data.allPosts.map((p) => p.slug), ['first', 'second', 'third']);
});

test('HttpLink useGETForQueries: queries over GET, mutations over POST', async () => {
  const rec = recordingFetch();
  const c = client(new HttpLink({ uri: srv.url, fetch: rec.fetch, useGETForQueries: true }));
  const q = await c.query({ query: gql`query ByEmail($e: String) { User(email: $e) { id name } }`, variables: { e: 'ann@example.com' } });
  assert.equal(q.data.User.name, 'Ann');
  const m = await c.mutate({ mutation: gql`mutation T { createTag(name: "get-test") { id name } }` });
  assert.equal(m.data.createTag.name, 'get-test');
  assert.deepEqual(rec.calls.map((x) => x.method), ['GET', 'POST']);
  await post(srv.url, 'mutation ($id: ID!) { deleteTag(id: $id) { id } }', { id: m.data.createTag.id });
});
