// introspection_roundtrip.mjs - checks an introspection response written by the exec
// request test against graphql-js: buildClientSchema() must accept it, and the schema
// it describes, printed canonically (printSchema(lexicographicSortSchema(...)),
// SIMPLE-API.md §3.11), must equal the expected SDL.
//
//   RELATA_INTRO_OUT=/tmp/intro.json build/debug/tests/unit/exec/request_test
//   node tests/unit/exec/introspection_roundtrip.mjs /tmp/intro.json \
//        ../shared/spec/examples/blog/schema.expected.graphql
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, lexicographicSortSchema, printSchema } from 'graphql';

const [introPath, sdlPath] = process.argv.slice(2);
const response = JSON.parse(readFileSync(introPath, 'utf8'));
if (response.errors) {
  console.error('response has errors:', JSON.stringify(response.errors));
  process.exit(1);
}
const canonical = (schema) => printSchema(lexicographicSortSchema(schema)).trim();
const got = canonical(buildClientSchema(response.data));
const want = canonical(buildSchema(readFileSync(sdlPath, 'utf8')));
if (got !== want) {
  console.error('introspected schema differs from', sdlPath);
  process.exit(1);
}
console.log('introspection round trip ok');
