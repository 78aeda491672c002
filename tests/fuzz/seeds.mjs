// seeds.mjs - writes the seed corpora of the fuzz targets (tests/fuzz/README):
//   node tests/fuzz/seeds.mjs SHARED OUTDIR
// OUTDIR/fuzz_request: every query (+ variables) of the public conformance cases, the
//   benchmark operations, introspection and a few blog-model requests, each as
//   query NUL variables-JSON NUL operationName;
// OUTDIR/fuzz_parser: the same query texts alone;
// OUTDIR/fuzz_model: every schema of the conformance cases and the spec examples;
// OUTDIR/fuzz_body: the requests as JSON bodies (single and batched).
// Files are named by a hash of their content, so re-running only adds.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const [shared = '../shared', out = 'build/fuzz/corpus'] = process.argv.slice(2);
const dirs = {};
for (const t of ['fuzz_request', 'fuzz_parser', 'fuzz_model', 'fuzz_body']) {
  dirs[t] = path.join(out, t);
  fs.mkdirSync(dirs[t], { recursive: true });
}
const counts = {};
function put(target, content) {
  const buf = Buffer.from(content);
  const name = crypto.createHash('sha1').update(buf).digest('hex');
  fs.writeFileSync(path.join(dirs[target], name), buf);
  counts[target] = (counts[target] || 0) + 1;
}

const requests = []; // [query, variables object or undefined, operationName]
const schemas = [];

function walkCases(dir) {
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    let cases;
    try { cases = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); } catch { continue; }
    for (const c of Array.isArray(cases) ? cases : [cases]) {
      if (typeof c.schema === 'string') schemas.push(c.schema);
      for (const s of c.steps || []) {
        if (typeof s.query === 'string') requests.push([s.query, s.variables, s.operationName]);
      }
    }
  }
}
walkCases(path.join(shared, 'conformance', 'cases'));
walkCases('tests/conformance');

for (const dir of [path.join(shared, 'spec', 'examples'), path.join(shared, 'bench')]) {
  if (!fs.existsSync(dir)) continue;
  for (const ent of fs.readdirSync(dir, { recursive: true })) {
    if (String(ent).endsWith('.graphql')) {
      const text = fs.readFileSync(path.join(dir, String(ent)), 'utf8');
      if (/@model/.test(text)) schemas.push(text);
      else if (/^\s*(#.*\n\s*)*(query|mutation|\{)/.test(text)) {
        const m = /^\s*(?:#.*\n\s*)*(?:query|mutation)\s+(\w+)/.exec(text);
        requests.push([text, undefined, m ? m[1] : undefined]);
      }
    }
  }
}

const introspection = `query IntrospectionQuery { __schema { queryType { name } mutationType { name }
  subscriptionType { name } types { ...FullType } directives { name description locations
  args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name
  description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true)
  { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
requests.push([introspection, undefined, 'IntrospectionQuery']);
requests.push(['{ __type(name: "Post") { name fields { name type { name kind } } } }']);

// Requests against the blog model (the model fuzz_request loads).
const blog = [
  ['mutation { createUser(email: "a@b.c", name: "A", role: ADMIN, settings: "{\\"x\\":1}") { id role } }'],
  ['mutation ($e: String!) { createUser(email: $e, name: "B", posts: [{title: "t", slug: "s", keywords: ["a","b"], rating: 1.5}]) { id posts { id slug keywords } } }', { e: 'x@y.z' }],
  ['mutation { createPost(title: "T", slug: "t2", author: {email: "c@d.e", name: "C"}, tags: [{name: "n"}], metadata: "[1,2]") { id author { id } tags { name } } }'],
  ['query ($f: PostFilter, $n: Int) { allPosts(filter: $f, first: $n, orderBy: createdAt_DESC, skip: 0) { id title status viewCount author { name followers { id } } comments(first: 2) { text } _tagsMeta { count } } }',
    { f: { OR: [{ title_contains: 'a' }, { viewCount_gte: 3, status_in: ['DRAFT'] }], author: { name_starts_with: 'A' } }, n: 5 }],
  ['{ allUsers(filter: {posts_some: {tags_every: {name_not: "x"}}, following_none: {role: ADMIN}}) { id email pinnedPost { id } } _allUsersMeta { count } }'],
  ['mutation ($id: ID!) { updatePost(id: $id, status: PUBLISHED, publishedAt: "2020-01-01T00:00:00.000Z") { id } deletePost(id: $id) { id } }', { id: 'cjld2cjxh0000qzrmn831i7rn' }],
  ['mutation { addToPostTags(postsPostId: "a", tagsTagId: "b") { postsPost { id } } removeFromPostTags(postsPostId: "a", tagsTagId: "b") { postsPost { id } } }'],
  ['mutation { updateOrCreateTag(update: {name: "x"}, create: {name: "y"}) { id } deleteManyComments(filter: {text_contains: "a"}) { count } updateManyPosts(filter: {}, data: {rating: 2}) { count } }'],
  ['query A { User(email: "a@b.c") { id } } query B { Tag(name: "n") { posts { id } } }', undefined, 'B'],
  ['{ allPosts(after: "x", last: 2) { id ...F } } fragment F on Post { __typename slug }'],
];
requests.push(...blog);

for (const [q, v, op] of requests) {
  const vars = v === undefined ? '' : JSON.stringify(v);
  put('fuzz_request', q + '\0' + vars + '\0' + (op || ''));
  put('fuzz_parser', q);
  const body = { query: q };
  if (v !== undefined) body.variables = v;
  if (op) body.operationName = op;
  put('fuzz_body', JSON.stringify(body));
}
put('fuzz_body', JSON.stringify(requests.slice(0, 3).map(([query, variables]) => ({ query, variables }))));
put('fuzz_body', JSON.stringify({ query: '{ a }', variables: '{"x": [1, 2.5, null, true, "s"]}' }));
put('fuzz_body', '{"query": "q", "variables": "not json"}');
for (const s of schemas) put('fuzz_model', s);
console.log('seeds:', Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', '));
