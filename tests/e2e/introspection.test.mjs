// introspection.test.mjs - GraphQL tooling can load relata's schema: graphql-js's full
// introspection query + buildClientSchema must succeed and print exactly the generated
// schema of the spec's blog example; and a real client library (graphql-request) works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  getIntrospectionQuery, buildClientSchema, printSchema, lexicographicSortSchema,
  validate, parse, buildSchema,
} from 'graphql';
import { GraphQLClient, gql as tag } from 'graphql-request';
import { startServer, gql, readShared } from './lib/server.mjs';

let srv;
before(async () => { srv = await startServer(readShared('spec/examples/blog/types.graphql')); });
after(async () => { await srv?.stop(); });

test('full introspection round-trips to the generated schema', async () => {
  const query = getIntrospectionQuery({
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
    schemaDescription: true, inputValueDeprecation: true,
  });
  const { status, body } = await gql(srv.url, query);
  assert.equal(status, 200);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const schema = buildClientSchema(body.data);
  const printed = printSchema(lexicographicSortSchema(schema)) + '\n';
  assert.equal(printed, readShared('spec/examples/blog/schema.expected.graphql'));
});

test('client-side validation against the introspected schema agrees with the server', async () => {
  const { body } = await gql(srv.url, getIntrospectionQuery());
  const schema = buildClientSchema(body.data);
  const bad = '{ allPosts { id titel } }';
  const clientErrors = validate(schema, parse(bad)).map((e) => e.message);
  const server = await gql(srv.url, bad);
  assert.deepEqual(server.body.errors.map((e) => e.message), clientErrors);
});

test('graphql-request client: mutation, query with variables, errors', async () => {
  const client = new GraphQLClient(srv.url);
  const created = await client.request(tag`
    mutation ($email: String!) {
      createUser(email: $email, name: "Ann") { id email role posts { id } }
    }`, { email: 'ann@example.com' });
  assert.equal(created.createUser.email, 'ann@example.com');
  assert.equal(created.createUser.role, 'READER');
  assert.deepEqual(created.createUser.posts, []);
  const post = await client.request(tag`
    mutation ($author: ID!) {
      createPost(title: "Hello", slug: "hello", authorId: $author, keywords: ["a", "b"], rating: 0.1) {
        id author { email } keywords rating status published
      }
    }`, { author: created.createUser.id });
  assert.deepEqual(post.createPost.keywords, ['a', 'b']);
  assert.equal(post.createPost.rating, 0.1);
  assert.equal(post.createPost.status, 'DRAFT');
  const found = await client.request(tag`
    query ($slug: String) { Post(slug: $slug) { title author { name } } }`, { slug: 'HELLO' });
  assert.deepEqual(found.Post, { title: 'Hello', author: { name: 'Ann' } });
  await assert.rejects(client.request('mutation { deletePost(id: "nope") { id } }'),
    (e) => e.response.errors[0].code === 3002);
});
