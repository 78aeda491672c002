// subscriptions.test.mjs - live events over WebSocket (SIMPLE-API.md §6, ERRORS.md §6)
// against the real server: the graphql-ws library client (graphql-transport-ws), the
// subscriptions-transport-ws client (graphql-ws), and raw sockets for the exact
// protocol exchanges, error cases and the legacy graphql-subscriptions protocol.
//
// "No event" is asserted with a marker: events go out in commit order, so once the
// event of a later marker mutation has arrived, an event of an earlier mutation that
// has not arrived never will.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import { startServer, gql } from './lib/server.mjs';
import { wsUrl, openRaw, openTransport, openApollo, until, sleep } from './lib/ws.mjs';

const MODEL = `
type User @model {
  id: ID! @isUnique
  name: String!
  email: String @isUnique
  posts: [Post!]! @relation(name: "UserPosts")
}
type Post @model {
  id: ID! @isUnique
  title: String!
  published: Boolean! @defaultValue(value: "false")
  views: Int
  slug: String @isUnique
  author: User @relation(name: "UserPosts")
}
`;

let srv;
let url;
let ws;
let markers = 0;

async function must(query, variables) {
  const r = await gql(url, query, variables);
  assert.equal(r.body.errors, undefined, JSON.stringify(r.body));
  return r.body.data;
}

const createPost = async (title, extra = '') =>
  (await must(`mutation { createPost(title: ${JSON.stringify(title)} ${extra}) { id } }`)).createPost.id;

// Creates a marker Post and waits until connection c has received its event on `id`.
async function marker(c, id) {
  const title = `marker-${++markers}`;
  await createPost(title);
  await c.next((m) => m.id === id && m.type === 'next' && m.payload.data.Post.node?.title === title);
}

const titles = (events) => events.map((e) => e.data.Post.node?.title ?? e.data.Post.previousValues?.title);

before(async () => {
  srv = await startServer(MODEL);
  url = srv.url;
  ws = wsUrl(url);
});
after(async () => {
  // a clean exit (under ASan this includes the leak check) with sockets still open
  const r = await srv.stop();
  assert.deepEqual(r, { code: 0, signal: null }, srv.stderr());
});

describe('graphql-ws library client (graphql-transport-ws)', () => {
  test('CREATED, UPDATED and DELETED events with the payload of §6.4', async () => {
    const client = createClient({ url: ws, webSocketImpl: WebSocket, retryAttempts: 0 });
    const got = [];
    const dispose = client.subscribe(
      { query: `subscription { Post(filter: {node: {title_starts_with: "lib-"}}) {
          mutation node { title published author { name } } updatedFields previousValues { title published } } }` },
      { next: (d) => got.push(d), error: (e) => got.push({ error: e }), complete: () => {} });
    // warm up: until the subscription is registered, creates may be missed
    let n = 0;
    for (;;) {
      const t = `lib-warm-${n++}`;
      await createPost(t);
      try { await until(() => got.some((d) => d.data?.Post.node?.title === t), 300); break; } catch { /* not yet */ }
    }
    got.length = 0;

    const u = await must('mutation { createUser(name: "Ann") { id } }');
    const id = await createPost('lib-1', `authorId: "${u.createUser.id}"`);
    await must(`mutation { updatePost(id: "${id}", title: "lib-2", published: true) { id } }`);
    await must(`mutation { deletePost(id: "${id}") { id } }`);
    await until(() => got.length === 3, 3000, 'three events');
    assert.deepEqual(got[0], { data: { Post: { mutation: 'CREATED', node: { title: 'lib-1', published: false, author: { name: 'Ann' } }, updatedFields: null, previousValues: null } } });
    assert.deepEqual(got[1], { data: { Post: { mutation: 'UPDATED', node: { title: 'lib-2', published: true, author: { name: 'Ann' } }, updatedFields: ['published', 'title'], previousValues: { title: 'lib-1', published: false } } } });
    assert.deepEqual(got[2], { data: { Post: { mutation: 'DELETED', node: null, updatedFields: null, previousValues: { title: 'lib-2', published: true } } } });
    dispose();
    await client.dispose();
  });

  test('a syntax error and a validation error reach the client as errors', async () => {
    const client = createClient({ url: ws, webSocketImpl: WebSocket, retryAttempts: 0 });
    const err = (query) => new Promise((resolve) => {
      client.subscribe({ query }, { next: () => resolve('next?'), error: resolve, complete: () => resolve('complete?') });
    });
    const e1 = await err('subscription { Post( }');
    assert.equal(e1[0].message, 'the GraphQL Query was not valid');
    const e2 = await err('subscription { Post { nope } }');
    assert.equal(e2[0].message, 'Cannot query field "nope" on type "PostSubscriptionPayload". Did you mean \"node\"?');
    await client.dispose();
  });
});

describe('subscriptions-transport-ws client (graphql-ws protocol)', () => {
  test('receives events; unsubscribe stops them', async () => {
    const client = new SubscriptionClient(ws, { reconnect: false }, WebSocket);
    const got = [];
    const obs = client.request({ query: 'subscription S($t: String) { Post(filter: {mutation_in: [CREATED], node: {title_contains: $t}}) { mutation node { title } } }', variables: { t: 'apollo' } });
    const sub = obs.subscribe({ next: (d) => got.push(d), error: (e) => got.push({ error: e }) });
    let n = 0;
    for (;;) {
      const t = `apollo-warm-${n++}`;
      await createPost(t);
      try { await until(() => got.some((d) => d.data?.Post.node.title === t), 300); break; } catch { /* not yet */ }
    }
    got.length = 0;
    await createPost('x-apollo-1');
    await createPost('not it');
    await createPost('x-apollo-2');
    await until(() => got.length === 2, 3000, 'two events');
    assert.deepEqual(got.map((d) => d.data.Post.node.title), ['x-apollo-1', 'x-apollo-2']);
    assert.equal(got[0].data.Post.mutation, 'CREATED');
    sub.unsubscribe();
    await sleep(100);
    await createPost('x-apollo-3');
    await sleep(300);
    assert.equal(got.length, 2);
    client.close();
  });
});

describe('event kinds and the mutations that cause them (§6.2)', () => {
  test('nested creates, updateOrCreate, relation-only changes, rollback', async () => {
    const c = await openTransport(ws);
    const q = 'subscription { Post { mutation node { title } updatedFields } }';
    await c.subscribe('p', q);
    await c.subscribe('u', 'subscription { User { mutation node { name } updatedFields } }');

    // nested create: the User and both Posts are created
    const u = await must('mutation { createUser(name: "Bo", posts: [{title: "n1"}, {title: "n2"}]) { id posts { id } } }');
    const [p1, p2] = u.createUser.posts.map((p) => p.id);
    // relation changes only: no event
    await must(`mutation { removeFromUserPosts(authorUserId: "${u.createUser.id}", postsPostId: "${p1}") { postsPost { id } } }`);
    await must(`mutation { addToUserPosts(authorUserId: "${u.createUser.id}", postsPostId: "${p1}") { postsPost { id } } }`);
    await must(`mutation { updatePost(id: "${p2}", authorId: null) { id } }`);
    // an update with a scalar argument, even unchanged, is UPDATED with that field
    await must(`mutation { updatePost(id: "${p2}", title: "n2") { id } }`);
    // updateOrCreate: creating, then updating
    await must('mutation { updateOrCreatePost(update: {id: "cxxxxxxxxxxxxxxxxxxxxxxxx", title: "no"}, create: {title: "uc1"}) { id } }');
    await must(`mutation { updateOrCreatePost(update: {id: "${p1}", views: 3}, create: {title: "no"}) { id } }`);
    // update of a User with a nested create: UPDATED User, CREATED Post
    await must(`mutation { updateUser(id: "${u.createUser.id}", name: "Bob", posts: [{title: "n3"}]) { id } }`);
    // a failing mutation (duplicate slug in the second nested post): nothing at all
    const bad = await gql(url, 'mutation { createUser(name: "Rolled", posts: [{title: "r1", slug: "dup"}, {title: "r2", slug: "dup"}]) { id } }');
    assert.equal(bad.body.errors[0].code, 3010);
    await marker(c, 'p');

    const posts = c.events('p').map((e) => [e.data.Post.mutation, e.data.Post.node.title, e.data.Post.updatedFields]);
    assert.deepEqual(posts, [
      ['CREATED', 'n1', null], ['CREATED', 'n2', null],
      ['UPDATED', 'n2', ['title']],
      ['CREATED', 'uc1', null],
      ['UPDATED', 'n1', ['views']],
      ['CREATED', 'n3', null],
    ]); // (the marker's event was taken by marker())
    const users = c.events('u').map((e) => [e.data.User.mutation, e.data.User.node.name, e.data.User.updatedFields]);
    assert.deepEqual(users, [['CREATED', 'Bo', null], ['UPDATED', 'Bob', ['name']]]);
    c.close();
  });

  test('a nested create shows the node as it is after the whole mutation', async () => {
    const c = await openTransport(ws);
    await c.subscribe('p', 'subscription { Post(filter: {node: {title: "nested-rel"}}) { node { title author { name posts { title } } } } }');
    await must('mutation { createUser(name: "Cy", posts: [{title: "nested-rel"}, {title: "other"}]) { id } }');
    const m = await c.next((x) => x.id === 'p' && x.type === 'next');
    assert.deepEqual(m.payload, { data: { Post: { node: { title: 'nested-rel', author: { name: 'Cy', posts: [{ title: 'nested-rel' }, { title: 'other' }] } } } } });
    c.close();
  });
});

describe('matching (§6.3)', () => {
  let c;
  let ids;
  before(async () => {
    c = await openTransport(ws);
    const subs = {
      created: '{mutation_in: [CREATED]}',
      updated: '{mutation_in: [UPDATED]}',
      deleted: '{mutation_in: [DELETED]}',
      empty_in: '{mutation_in: []}',
      contains: '{updatedFields_contains: "views"}',
      every: '{updatedFields_contains_every: ["views", "title"]}',
      some: '{updatedFields_contains_some: ["views", "slug"]}',
      node_pub: '{node: {published: true}}',
      node_rel: '{node: {author: {name: "Dee"}}}',
      and: '{AND: [{mutation_in: [UPDATED]}, {node: {views_gt: 10}}]}',
      or_in: '{OR: [{mutation_in: [DELETED]}, {node: {title_ends_with: "-or"}}]}',
      or_upd: '{OR: [{updatedFields_contains: "slug"}, {node: {title_ends_with: "-or"}}]}',
      or_node: '{OR: [{node: {title_ends_with: "-or"}}, {node: {views: 20}}]}',
      upd_nested: '{OR: [{updatedFields_contains: "title"}, {mutation_in: [CREATED]}]}',
      deleted_node: '{mutation_in: [DELETED], node: {title: "never matches"}}',
      none: '',
    };
    ids = Object.keys(subs);
    for (const [id, f] of Object.entries(subs))
      await c.subscribe(id, `subscription { Post${f ? `(filter: ${f})` : ''} { mutation node { title } previousValues { title } } }`);
  });
  after(() => c.close());

  test('each filter form gets exactly its events', async () => {
    c.messages.length = 0;
    const dee = (await must('mutation { createUser(name: "Dee") { id } }')).createUser.id;
    const a = await createPost('m-a');                                       // CREATED
    const b = await createPost('m-b-or', `published: true, authorId: "${dee}"`); // CREATED
    await must(`mutation { updatePost(id: "${a}", views: 20) { id } }`);        // UPDATED [views]
    await must(`mutation { updatePost(id: "${b}", views: 1, title: "m-b2-or") { id } }`); // UPDATED [title, views]
    await must(`mutation { updatePost(id: "${a}", slug: "sl") { id } }`);       // UPDATED [slug]
    await must(`mutation { deletePost(id: "${a}") { id } }`);                   // DELETED
    await marker(c, 'none');
    const ev = (id) => c.events(id).filter((e) => !e.data.Post.node?.title.startsWith('marker-')).map((e) => `${e.data.Post.mutation}:${e.data.Post.node?.title ?? e.data.Post.previousValues.title}`);
    assert.deepEqual(ev('created'), ['CREATED:m-a', 'CREATED:m-b-or']);
    assert.deepEqual(ev('updated'), ['UPDATED:m-a', 'UPDATED:m-b2-or', 'UPDATED:m-a']);
    assert.deepEqual(ev('deleted'), ['DELETED:m-a']);
    // an empty mutation_in list names nothing: all kinds pass rule 1, DELETED passes
    // rule 3, and for the others `mutation_in: []` is false
    assert.deepEqual(ev('empty_in'), ['DELETED:m-a']);
    assert.deepEqual(ev('contains'), ['UPDATED:m-a', 'UPDATED:m-b2-or']);
    assert.deepEqual(ev('every'), ['UPDATED:m-b2-or']);
    assert.deepEqual(ev('some'), ['UPDATED:m-a', 'UPDATED:m-b2-or', 'UPDATED:m-a']);
    // node filters see the state after the mutation; DELETED always passes (rule 3)
    assert.deepEqual(ev('node_pub'), ['CREATED:m-b-or', 'UPDATED:m-b2-or', 'DELETED:m-a']);
    assert.deepEqual(ev('node_rel'), ['CREATED:m-b-or', 'UPDATED:m-b2-or', 'DELETED:m-a']);
    assert.deepEqual(ev('and'), ['UPDATED:m-a', 'UPDATED:m-a']);
    // rule 1 collects mutation_in values anywhere, even inside an OR
    assert.deepEqual(ev('or_in'), ['DELETED:m-a']);
    // rule 2: an updatedFields key anywhere rules out CREATED and DELETED
    assert.deepEqual(ev('or_upd'), ['UPDATED:m-b2-or', 'UPDATED:m-a']);
    assert.deepEqual(ev('or_node'), ['CREATED:m-b-or', 'UPDATED:m-a', 'UPDATED:m-b2-or', 'UPDATED:m-a', 'DELETED:m-a']);
    // both rules at once exclude everything
    assert.deepEqual(ev('upd_nested'), []);
    assert.deepEqual(ev('deleted_node'), ['DELETED:m-a']);
    assert.deepEqual(ev('none'), ['CREATED:m-a', 'CREATED:m-b-or', 'UPDATED:m-a', 'UPDATED:m-b2-or', 'UPDATED:m-a', 'DELETED:m-a']);
  });

  test('a to-many relation filtered by null is refused at subscribe', async () => {
    const d = await openTransport(ws);
    d.send({ id: 'x', type: 'subscribe', payload: { query: 'subscription { User(filter: {node: {posts_some: null}}) { mutation } }' } });
    const m = await d.next((x) => x.id === 'x');
    assert.equal(m.type, 'error');
    assert.match(m.payload[0].message, /toMany relation/);
    d.close();
  });
});

describe('graphql-transport-ws protocol rules', () => {
  test('ids, several subscriptions per connection, complete', async () => {
    const c = await openTransport(ws);
    await c.subscribe('one', 'subscription { Post(filter: {node: {title: "t-one"}}) { node { title } } }');
    await c.subscribe('two', 'subscription { Post(filter: {node: {title_in: ["t-one", "t-two"]}}) { node { title } } }');
    await createPost('t-one');
    await c.next((m) => m.id === 'one');
    await c.next((m) => m.id === 'two');
    c.send({ id: 'one', type: 'complete' });
    await c.sync();
    await createPost('t-one');
    const m = await c.next((x) => x.type === 'next');
    assert.equal(m.id, 'two');
    await createPost('t-two');
    await c.next((x) => x.id === 'two' && x.payload.data.Post.node.title === 't-two');
    assert.equal(c.messages.filter((x) => x.id === 'one').length, 0);
    c.close();
  });

  test('subscribe before ack closes with 4401; duplicate id 4409; second init 4429', async () => {
    const a = await openRaw(ws, 'graphql-transport-ws');
    a.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { Post { mutation } }' } });
    assert.deepEqual(await a.whenClosed(), { code: 4401, reason: 'Unauthorized' });

    const b = await openTransport(ws);
    await b.subscribe('1', 'subscription { Post { mutation } }');
    b.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { Post { mutation } }' } });
    assert.deepEqual(await b.whenClosed(), { code: 4409, reason: 'Subscriber for "1" already exists' });

    const d = await openTransport(ws);
    d.send({ type: 'connection_init' });
    assert.deepEqual(await d.whenClosed(), { code: 4429, reason: 'Too many initialisation requests' });
  });

  test('malformed messages close with 4400; the server keeps serving', async () => {
    for (const bad of ['not json', '[]', '{"type":42}', '{"type":"what"}', '{"type":"subscribe","id":"1"}']) {
      const c = await openTransport(ws);
      c.send(bad);
      assert.deepEqual(await c.whenClosed(), { code: 4400, reason: 'Invalid message received' }, bad);
    }
    const ok = await openTransport(ws);
    await ok.subscribe('s', 'subscription { Post { node { title } } }');
    await marker(ok, 's');
    ok.close();
  });

  test('ping is answered with pong; non-string Authorization is refused', async () => {
    const c = await openRaw(ws, 'graphql-transport-ws');
    c.send({ type: 'ping' });
    assert.deepEqual(await c.next(), { type: 'pong' });
    c.send({ type: 'connection_init', payload: { Authorization: 42 } });
    assert.deepEqual(await c.whenClosed(), { code: 4403, reason: 'No Authorization field was provided in payload.' });
    const d = await openTransport(ws, { Authorization: 'Bearer x' });
    d.close();
  });

  test('at most 100 subscriptions per connection', async () => {
    const c = await openTransport(ws);
    for (let i = 0; i < 100; i++)
      c.send({ id: `s${i}`, type: 'subscribe', payload: { query: `subscription { Post(filter: {node: {views: ${i}}}) { mutation } }` } });
    c.send({ id: 'one-too-many', type: 'subscribe', payload: { query: 'subscription { Post { mutation } }' } });
    assert.deepEqual(await c.next((m) => m.type === 'error'), { id: 'one-too-many', type: 'error', payload: [{ message: 'Too many subscriptions on this connection: the limit is 100.' }] });
    c.send({ id: 's0', type: 'complete' });
    await c.subscribe('now-fits', 'subscription { Post { node { title } } }');
    await marker(c, 'now-fits');
    c.close();
  });

  test('several root fields or a query operation are refused', async () => {
    const c = await openTransport(ws);
    c.send({ id: 'a', type: 'subscribe', payload: { query: 'subscription { Post { mutation } User { mutation } }' } });
    assert.deepEqual((await c.next((m) => m.id === 'a')).payload, [{ message: 'Anonymous Subscription must select only one top level field.' }]);
    c.send({ id: 'b', type: 'subscribe', payload: { query: '{ allPosts { id } }' } });
    assert.equal((await c.next((m) => m.id === 'b')).type, 'error');
    c.send({ id: 'c', type: 'subscribe', payload: { query: 'subscription { Nope { mutation } }' } });
    assert.deepEqual((await c.next((m) => m.id === 'c')).payload, [{ message: 'Cannot query field "Nope" on type "Subscription".' }]);
    c.close();
  });
});

describe('graphql-ws protocol (subscriptions-transport-ws) rules', () => {
  test('messages before init get the spec connection_error', async () => {
    const c = await openRaw(ws, 'graphql-ws');
    c.send({ id: '1', type: 'start', payload: { query: 'subscription { Post { mutation } }' } });
    assert.deepEqual(await c.next(), { type: 'connection_error', payload: { message: 'You have to send an init message before sending anything else.' } });
    c.send({ type: 'connection_init', payload: { Authorization: { no: 1 } } });
    assert.deepEqual(await c.next(), { type: 'connection_error', payload: { message: 'No Authorization field was provided in payload.' } });
    c.send({ type: 'connection_init', payload: { authorization: 'token' } });
    assert.deepEqual(await c.next(), { type: 'connection_ack' });
    assert.deepEqual(await c.next(), { type: 'ka' });
    c.close();
  });

  test('ids keep their JSON type; errors; stop sends complete; terminate closes', async () => {
    const c = await openApollo(ws);
    c.send({ id: 7, type: 'start', payload: { query: 'subscription { Post(filter: {node: {title: "num-id"}}) { node { title } } }' } });
    c.send({ id: 'e1', type: 'start', payload: { query: 'subscription {' } });
    assert.deepEqual(await c.next((m) => m.id === 'e1'), { id: 'e1', type: 'error', payload: { message: 'the GraphQL Query was not valid' } });
    await createPost('num-id');
    assert.deepEqual(await c.next((m) => m.type === 'data'), { id: 7, type: 'data', payload: { data: { Post: { node: { title: 'num-id' } } } } });
    c.send({ id: 7, type: 'stop' });
    assert.deepEqual(await c.next((m) => m.id === 7), { id: 7, type: 'complete' });
    c.send('garbage');
    assert.equal((await c.next((m) => m.type === 'error')).payload.message.length > 0, true);
    c.send({ type: 'connection_terminate' });
    assert.equal((await c.whenClosed()).code, 1000);
  });

  test('keep-alives and the init timeout (short intervals from the environment)', async () => {
    process.env.RELATA_WS_KEEPALIVE_MS = '150';
    process.env.RELATA_WS_INIT_TIMEOUT_MS = '300';
    const s2 = await startServer(MODEL);
    delete process.env.RELATA_WS_KEEPALIVE_MS;
    delete process.env.RELATA_WS_INIT_TIMEOUT_MS;
    try {
      const u = wsUrl(s2.url);
      const c = await openApollo(u);
      for (let i = 0; i < 3; i++) assert.deepEqual(await c.next(), { type: 'ka' });
      c.close();
      const l = await openRaw(u, 'graphql-subscriptions');
      l.send({ type: 'init' });
      assert.deepEqual(await l.next(), { type: 'init_success' });
      assert.deepEqual(await l.next(), { type: 'keepalive' });
      l.close();
      const t = await openRaw(u, 'graphql-transport-ws');
      assert.deepEqual(await t.whenClosed(), { code: 4408, reason: 'Connection initialisation timeout' });
    } finally {
      await s2.stop();
    }
  });
});

describe('legacy graphql-subscriptions protocol', () => {
  test('init, subscription_start/success/data/end', async () => {
    const c = await openRaw(ws, 'graphql-subscriptions');
    // keep-alives may arrive at any point once initialised: each step waits for the
    // next message that is not one
    const notKa = (m) => m.type !== 'keepalive';
    c.send({ type: 'subscription_start', id: 1, query: 'subscription { Post { mutation } }' });
    assert.deepEqual(await c.next(notKa), { type: 'init_fail', payload: { error: { message: 'You have to send an init message before sending anything else.' } } });
    c.send({ type: 'init', payload: {} });
    assert.deepEqual(await c.next(notKa), { type: 'init_success' });
    c.send({ type: 'subscription_start', id: 1, query: 'subscription($t: String) { Post(filter: {node: {title: $t}}) { mutation node { title } } }', variables: { t: 'legacy' } });
    assert.deepEqual(await c.next(notKa), { id: 1, type: 'subscription_success' });
    c.send({ type: 'subscription_start', id: 2, query: 'subscription { Post { nope } }' });
    assert.deepEqual(await c.next(notKa), { id: 2, type: 'subscription_fail', payload: { errors: [{ message: 'Cannot query field "nope" on type "PostSubscriptionPayload". Did you mean \"node\"?' }] } });
    await createPost('legacy');
    assert.deepEqual(await c.next(notKa), { id: 1, type: 'subscription_data', payload: { data: { Post: { mutation: 'CREATED', node: { title: 'legacy' } } } } });
    c.send({ type: 'subscription_end', id: 1 });
    c.close();
  });
});

describe('transport', () => {
  test('no supported subprotocol is refused; Graphcool path; unknown service 404', async () => {
    await assert.rejects(openRaw(ws, 'mqtt'), (e) => e.status === 400);
    await assert.rejects(openRaw(ws), (e) => e.status === 400);
    const c = await openTransport(wsUrl(url, '/subscriptions/v1/default'));
    await c.subscribe('s', 'subscription { Post { node { title } } }');
    await marker(c, 's');
    c.close();
    await assert.rejects(openRaw(wsUrl(url, '/subscriptions/v1/other'), 'graphql-ws'), (e) => e.status === 404);
    const plain = await fetch(url.replace('/graphql', '/subscriptions/v1/default'));
    assert.equal(plain.status, 404);
  });

  test('a subscription over plain HTTP gets the request error', async () => {
    const r = await gql(url, 'subscription { Post { mutation } }');
    assert.deepEqual(r.body.errors.map((e) => e.message), ['Subscriptions are only supported over the WebSocket endpoint.']);
  });

  test('reconnect: a dropped connection leaves nothing behind; a new one works', async () => {
    const a = await openTransport(ws);
    await a.subscribe('s', 'subscription { Post { node { title } } }');
    a.ws.terminate();
    await a.whenClosed();
    const b = await openTransport(ws);
    await b.subscribe('s', 'subscription { Post { node { title } } }');
    await marker(b, 's');
    b.close();
  });

  test('a message over the size limit closes with 1009', async () => {
    const c = await openTransport(ws);
    c.send({ id: 'big', type: 'subscribe', payload: { query: `subscription { Post { mutation } } # ${'x'.repeat(1100000)}` } });
    assert.equal((await c.whenClosed()).code, 1009);
  });
});

describe('slow consumers', () => {
  test('a client that stops reading is closed with 1008; the others get every event', async () => {
    process.env.RELATA_WS_QUEUE_MESSAGES = '50';
    process.env.RELATA_WS_QUEUE_BYTES = String(1 << 20);
    const s2 = await startServer(MODEL);
    delete process.env.RELATA_WS_QUEUE_MESSAGES;
    delete process.env.RELATA_WS_QUEUE_BYTES;
    try {
      const u = wsUrl(s2.url);
      const slow = await openTransport(u);
      // four groups (different aliases), so each event costs the slow client 400 kB
      for (let i = 0; i < 4; i++) await slow.subscribe(`big${i}`, `subscription { Post { node { t${i}: title } } }`);
      assert.equal(slow.messages.length, 0);
      const fast = await openTransport(u);
      await fast.subscribe('f', 'subscription { Post { node { title } } }');
      slow.ws._socket.pause(); // stops reading: the kernel buffers fill, then the server's queue
      const body = 'x'.repeat(100000);
      const N = 60;
      for (let i = 0; i < N; i++) {
        const r = await gql(s2.url, `mutation { createPost(title: "${body}-${i}") { id } }`);
        assert.equal(r.body.errors, undefined);
      }
      await until(() => fast.events('f').length === N, 10000, 'all events at the fast client');
      assert.deepEqual(fast.events('f').map((e) => e.data.Post.node.title.slice(100001)), [...Array(N).keys()].map(String));
      slow.ws._socket.resume();
      const closed = await slow.whenClosed(10000);
      assert.equal(closed.code, 1008);
      assert.match(closed.reason, /^Slow consumer/);
      // the server is fine and the fast client still subscribed
      await gql(s2.url, 'mutation { createPost(title: "after") { id } }');
      await fast.next((m) => m.type === 'next' && m.payload.data.Post.node.title === 'after');
      fast.close();
    } finally {
      await s2.stop();
    }
  });
});

describe('broken framing', () => {
  test('an unmasked client frame is a protocol error (1002); the server keeps serving', async () => {
    const net = await import('node:net');
    const u = new URL(url);
    const sock = net.connect(Number(u.port), u.hostname);
    await new Promise((r) => sock.once('connect', r));
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => { buf = Buffer.concat([buf, d]); });
    const ended = new Promise((r) => sock.once('close', r));
    sock.write('GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n');
    await until(() => buf.includes('\r\n\r\n'), 5000, 'the 101 answer');
    const head = buf.toString('latin1', 0, buf.indexOf('\r\n\r\n'));
    assert.match(head, /^HTTP\/1\.1 101/);
    assert.match(head, /Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/i);
    assert.match(head, /Sec-WebSocket-Protocol: graphql-transport-ws/i);
    buf = buf.subarray(buf.indexOf('\r\n\r\n') + 4);
    sock.write(Buffer.from([0x81, 0x02, 0x68, 0x69])); // "hi", not masked
    await ended;
    // a close frame with status 1002 (protocol error)
    assert.equal(buf[0], 0x88);
    assert.equal(buf.readUInt16BE(2), 1002);
    const ok = await openTransport(ws);
    await ok.subscribe('s', 'subscription { Post { node { title } } }');
    await marker(ok, 's');
    ok.close();
  });
});
