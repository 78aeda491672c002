// diff_parser.mjs - differential test of relata's GraphQL parser against graphql-js 16:
// generates documents (every prefix of the kitchen sinks, random token soups, random
// edits of the kitchen sinks, including multi-byte and invalid UTF-8), parses each with
// both, and reports any difference in outcome, error message or location.
//
//   gcc -std=gnu11 -Isrc tests/fuzz/diff_parser.c build/debug/librelata.a -o build/diff_parser
//   node tests/fuzz/diff_parser.mjs build/diff_parser [seed] [count]
//
// Needs `graphql` in node_modules (npm install at the repository root). Characters
// outside the BMP are avoided: graphql-js counts columns in UTF-16 units, relata in code
// points. Exit status 1 when anything differs.
import { parse } from 'graphql';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, seedArg, countArg] = process.argv.slice(2);
if (!bin) {
  console.error('usage: node tests/fuzz/diff_parser.mjs DRIVER [seed] [count]');
  process.exit(2);
}
let seed = Number(seedArg || 1) >>> 0 || 1;
const count = Number(countArg || 3000);
const rnd = (n) => { // xorshift32
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
};
const pick = (a) => a[rnd(a.length)];

// The kitchen sinks live in kitchen_sink.h as C string literals; read them back.
const header = readFileSync(new URL('../unit/graphql/kitchen_sink.h', import.meta.url), 'latin1');
const sinks = ['KITCHEN_SINK_EXEC', 'KITCHEN_SINK_SDL'].map((name) => {
  const body = header.split(`${name}[] =`)[1].split(';\n')[0];
  const lits = [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  return Buffer.from(JSON.parse(`"${lits.join('')}"`), 'latin1');
});

const cases = [];
for (const s of sinks) for (let i = 0; i <= s.length; i++) cases.push(s.subarray(0, i));
const toks = ['{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '&', '|', '...', 'query',
  'mutation', 'subscription', 'fragment', 'on', 'type', 'schema', 'extend', 'interface', 'union',
  'enum', 'input', 'scalar', 'directive', 'repeatable', 'implements', 'FIELD', 'QUERY', 'true',
  'false', 'null', 'a', 'Foo', '1', '-2', '3.5', '"s"', '"""b"""', '#c\n', ',', '\n', '"\\n"', '1e3'];
for (let k = 0; k < count; k++) {
  const n = 1 + rnd(25);
  cases.push(Buffer.from(Array.from({ length: n }, () => pick(toks)).join(' ')));
}
const chars = [...'{}()[]:=@$!&|."\\#,\n\r\t ae0-9E_+\'%\x01'].map((c) => Buffer.from(c, 'latin1'));
const inserts = [...chars, Buffer.from('é'), Buffer.from('€'), Buffer.from('\ufeff'),
  Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from('\\u'),
  Buffer.from('\\u{'), Buffer.from('"""')];
for (let k = 0; k < count; k++) {
  let s = Buffer.from(pick(sinks));
  for (let e = 1 + rnd(4); e > 0; e--) {
    const p = rnd(s.length);
    const op = rnd(3);
    if (op === 0) s = Buffer.concat([s.subarray(0, p), s.subarray(p + 1)]);
    else if (op === 1) s = Buffer.concat([s.subarray(0, p), pick(inserts), s.subarray(p)]);
    else s = Buffer.concat([s.subarray(0, p), pick(chars), s.subarray(p + 1)]);
  }
  cases.push(s);
}

const usable = cases.filter((c) => !c.includes(0));
const dir = mkdtempSync(join(tmpdir(), 'relata-diff-'));
const file = join(dir, 'cases');
writeFileSync(file, Buffer.concat(usable.flatMap((c) => [c, Buffer.from([0])])));
const ours = execFileSync(bin, [file], { maxBuffer: 1 << 28 }).toString('utf8').split('\n');

let bad = 0;
usable.forEach((c, i) => {
  let want;
  try {
    want = `OK ${parse(c.toString('utf8')).definitions.length}`;
  } catch (e) {
    const l = e.locations[0];
    const m = Buffer.from(e.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n')).subarray(0, 200);
    want = `${l.line}:${l.column} ${m.toString('utf8')}`;
  }
  const got = Buffer.from(ours[i], 'utf8').toString('utf8');
  if (got !== Buffer.from(want, 'utf8').toString('utf8')) {
    if (bad++ < 20) console.log(`input ${JSON.stringify(c.toString('utf8'))}\n  relata:     ${got}\n  graphql-js: ${want}`);
  }
});
console.log(`diff_parser: ${usable.length} documents, ${bad} differences`);
process.exit(bad ? 1 : 0);
