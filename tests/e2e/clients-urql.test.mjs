// clients-urql.test.mjs - urql's core client (document cache + fetch exchanges) against
// relata on a small to-do model: queries and mutations, __typename added by urql to
// every selection set, the document cache serving repeated queries and being
// invalidated by a mutation whose result holds the same __typename, and errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, cacheExchange, fetchExchange, gql } from '@urql/core';
import { startServer } from './lib/server.mjs';

const MODEL = `
type TodoList @model {
  id: ID! @isUnique
  title: String!
  items: [Todo!]! @relation(name: "ListItems")
}

type Todo @model {
  id: ID! @isUnique
  createdAt: DateTime!
  text: String!
  done: Boolean! @defaultValue(value: "false")
  list: TodoList! @relation(name: "ListItems")
}
`;

let srv;
let calls = 0;
let client;
before(async () => {
  srv = await startServer(MODEL);
  const counting = (url, init) => { calls++; return fetch(url, init); };
  client = createClient({ url: srv.url, exchanges: [cacheExchange, fetchExchange], fetch: counting,
    preferGetMethod: false });
});
after(async () => { await srv?.stop(); });

const LIST = gql`
  query List($id: ID!) {
    TodoList(id: $id) {
      id title
      items(orderBy: createdAt_ASC) { id text done }
      open: _itemsMeta(filter: { done: false }) { count }
    }
  }`;

test('queries, mutations and document-cache invalidation by __typename', async () => {
  const made = await client.mutation(gql`
    mutation ($t: String!) { createTodoList(title: $t, items: [{ text: "milk" }, { text: "eggs" }]) { id } }`,
  { t: 'Shopping' }).toPromise();
  assert.equal(made.error, undefined);
  const id = made.data.createTodoList.id;
  assert.equal(made.data.createTodoList.__typename, 'TodoList');

  const n0 = calls;
  const q1 = await client.query(LIST, { id }).toPromise();
  assert.equal(q1.error, undefined);
  assert.equal(q1.data.TodoList.title, 'Shopping');
  assert.deepEqual(q1.data.TodoList.items.map((t) => t.text), ['milk', 'eggs']);
  assert.equal(q1.data.TodoList.items[0].__typename, 'Todo');
  assert.equal(q1.data.TodoList.open.count, 2);
  assert.equal(calls, n0 + 1);

  // The same query again comes from the document cache.
  const q2 = await client.query(LIST, { id }).toPromise();
  assert.deepEqual(q2.data, q1.data);
  assert.equal(calls, n0 + 1);

  // A mutation returning a Todo invalidates every cached result that contained a Todo.
  const done = await client.mutation(gql`
    mutation ($id: ID!) { updateTodo(id: $id, done: true) { id done } }`,
  { id: q1.data.TodoList.items[0].id }).toPromise();
  assert.equal(done.data.updateTodo.done, true);
  assert.equal(done.data.updateTodo.__typename, 'Todo');
  const q3 = await client.query(LIST, { id }).toPromise();
  assert.equal(calls, n0 + 3); // the mutation and the refetch
  assert.equal(q3.data.TodoList.open.count, 1);
  assert.deepEqual(q3.data.TodoList.items.map((t) => t.done), [true, false]);

  // A nested create through a relation mutation: the list's result is invalidated too.
  const added = await client.mutation(gql`
    mutation ($l: ID!) { createTodo(text: "bread", listId: $l) { id list { id } } }`,
  { l: id }).toPromise();
  assert.equal(added.data.createTodo.list.__typename, 'TodoList');
  const q4 = await client.query(LIST, { id }).toPromise();
  assert.deepEqual(q4.data.TodoList.items.map((t) => t.text), ['milk', 'eggs', 'bread']);

  // network-only still goes to the server.
  const before = calls;
  await client.query(LIST, { id }, { requestPolicy: 'network-only' }).toPromise();
  assert.equal(calls, before + 1);
});

test('errors: coded field errors and request errors reach urql as CombinedError', async () => {
  const r = await client.mutation(gql`mutation { deleteTodo(id: "cnothere00000000000000000") { id } }`).toPromise();
  assert.ok(r.error);
  // urql keeps the raw error object (with relata's top-level code and requestId) as
  // originalError of the GraphQLError it builds.
  const raw = r.error.graphQLErrors[0].originalError;
  assert.equal(raw.code, 3002);
  assert.ok(raw.requestId);
  assert.equal(r.data.deleteTodo, null);
  assert.match(r.error.message, /'Todo' has no item with id/);
  assert.deepEqual(r.error.graphQLErrors[0].path, ['deleteTodo']);

  const v = await client.query(gql`{ allTodoes { id txt } }`, {}).toPromise();
  assert.match(v.error.message, /Cannot query field "txt" on type "Todo"/);
  assert.equal(v.data, undefined);

  // GET (urql's preferGetMethod) for a query, with variables in the URL.
  const getClient = createClient({ url: srv.url, exchanges: [fetchExchange], preferGetMethod: 'force' });
  const g = await getClient.query(gql`query ($f: Boolean) { _allTodoesMeta(filter: { done: $f }) { count } }`,
    { f: true }).toPromise();
  assert.equal(g.error, undefined);
  assert.equal(g.data._allTodoesMeta.count, 1);
});

test('graphcache: normalised, schema-aware cache from relata\'s introspection', async () => {
  const { getIntrospectionQuery } = await import('graphql');
  const { cacheExchange: graphcache } = await import('@urql/exchange-graphcache');
  const intro = await (await fetch(srv.url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }) })).json();
  const warnings = [];
  const origWarn = console.warn;
  console.warn = (...a) => warnings.push(a.join(' '));
  try {
    let n = 0;
    const c = createClient({
      url: srv.url,
      fetch: (u, i) => { n++; return fetch(u, i); },
      exchanges: [graphcache({
        schema: intro.data,
        updates: { Mutation: { createTodo: (result, args, cache) => cache.invalidate('Query', 'allTodoes') } },
      }), fetchExchange],
    });
    const L = gql`query { allTodoes(orderBy: text_ASC) { id text done list { id title } } }`;
    const a = await c.query(L, {}).toPromise();
    assert.equal(a.error, undefined);
    const before = a.data.allTodoes.length;
    const listId = a.data.allTodoes[0].list.id;
    // An entity update is applied to the normalised record: no refetch needed.
    const t0 = a.data.allTodoes[0];
    await c.mutation(gql`mutation ($id: ID!) { updateTodo(id: $id, text: "zzz last") { id text } }`, { id: t0.id }).toPromise();
    const calls = n;
    const b = await c.query(L, {}).toPromise();
    assert.equal(n, calls);
    assert.equal(b.data.allTodoes.find((t) => t.id === t0.id).text, 'zzz last');
    // A create invalidates the list field by the update resolver: the next read refetches.
    await c.mutation(gql`mutation ($l: ID!) { createTodo(text: "tea", listId: $l) { id text done list { id } } }`,
      { l: listId }).toPromise();
    const d = await c.query(L, {}, { requestPolicy: 'cache-and-network' }).toPromise();
    const e = d.stale ? await c.query(L, {}, { requestPolicy: 'network-only' }).toPromise() : d;
    assert.equal(e.data.allTodoes.length, before + 1);
  } finally {
    console.warn = origWarn;
  }
  // graphcache warns when a result does not fit the schema (missing fields, unknown
  // types): relata's answers must not trigger any.
  assert.deepEqual(warnings, []);
});
