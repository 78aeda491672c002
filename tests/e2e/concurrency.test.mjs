// concurrency.test.mjs - several client processes connect and disconnect the same pairs
// in parallel; afterwards no edge is duplicated, no to-one side has two edges, every
// acknowledged create is present, and no request failed (no database-busy errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, gql } from './lib/server.mjs';

const MODEL = `
type Team @model {
  id: ID! @isUnique
  name: String!
  members: [Player!]! @relation(name: "TeamMembers")
  captain: Player @relation(name: "TeamCaptain")
}
type Player @model {
  id: ID! @isUnique
  name: String!
  team: Team @relation(name: "TeamMembers")
  captainOf: Team @relation(name: "TeamCaptain")
  tags: [Tag!]! @relation(name: "PlayerTags")
}
type Tag @model {
  id: ID! @isUnique
  name: String! @isUnique
  players: [Player!]! @relation(name: "PlayerTags")
}
`;
const CLIENTS = 4;
const DURATION_MS = 3000;

function runClient(url, ids, seed) {
  const script = fileURLToPath(new URL('./clients/relation-churn.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, url, JSON.stringify(ids), String(DURATION_MS), String(seed)],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`client exit ${code}`))));
  });
}

const unique = (list) => new Set(list).size === list.length;

test('parallel relation churn keeps every edge invariant', async () => {
  const srv = await startServer(MODEL);
  try {
    const seed = await gql(srv.url, `mutation {
      t1: createTeam(name: "a") { id } t2: createTeam(name: "b") { id } t3: createTeam(name: "c") { id }
      p1: createPlayer(name: "1") { id } p2: createPlayer(name: "2") { id } p3: createPlayer(name: "3") { id }
      p4: createPlayer(name: "4") { id } p5: createPlayer(name: "5") { id } p6: createPlayer(name: "6") { id }
      g1: createTag(name: "x") { id } g2: createTag(name: "y") { id } g3: createTag(name: "z") { id } }`);
    assert.equal(seed.body.errors, undefined, JSON.stringify(seed.body.errors));
    const d = seed.body.data;
    const ids = {
      teams: [d.t1.id, d.t2.id, d.t3.id],
      players: [d.p1.id, d.p2.id, d.p3.id, d.p4.id, d.p5.id, d.p6.id],
      tags: [d.g1.id, d.g2.id, d.g3.id],
    };
    const results = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => runClient(srv.url, ids, i + 1)));
    const errors = results.flatMap((r) => r.errors);
    assert.deepEqual(errors, [], 'no request may fail (in particular no database-busy error)');
    const total = results.reduce((n, r) => n + r.requests, 0);
    assert.ok(total > CLIENTS * 10, `clients made progress (${total} requests)`);

    const all = await gql(srv.url, `{
      allTeams { id members { id } captain { id } }
      allPlayers(first: 1000) { id team { id } captainOf { id } tags { id } }
      allTags { id players { id } } }`);
    assert.equal(all.body.errors, undefined, JSON.stringify(all.body.errors));
    const { allTeams, allPlayers, allTags } = all.body.data;

    const playerIds = new Set(allPlayers.map((p) => p.id));
    for (const id of results.flatMap((r) => r.created)) assert.ok(playerIds.has(id), `created player ${id} is present`);

    const memberOf = new Map();
    const captainOf = new Map();
    for (const t of allTeams) {
      const m = t.members.map((p) => p.id);
      assert.ok(unique(m), `team ${t.id} has no duplicate member edge`);
      for (const p of m) {
        assert.ok(!memberOf.has(p), `player ${p} is a member of one team only`);
        memberOf.set(p, t.id);
      }
      if (t.captain) {
        assert.ok(!captainOf.has(t.captain.id), `player ${t.captain.id} captains one team only`);
        captainOf.set(t.captain.id, t.id);
      }
    }
    const tagEdges = new Set();
    for (const p of allPlayers) {
      assert.equal(p.team?.id ?? undefined, memberOf.get(p.id), `both sides of TeamMembers agree for ${p.id}`);
      assert.equal(p.captainOf?.id ?? undefined, captainOf.get(p.id), `both sides of TeamCaptain agree for ${p.id}`);
      const g = p.tags.map((t) => t.id);
      assert.ok(unique(g), `player ${p.id} has no duplicate tag edge`);
      for (const t of g) tagEdges.add(`${p.id}/${t}`);
    }
    for (const t of allTags) {
      const ps = t.players.map((p) => p.id);
      assert.ok(unique(ps), `tag ${t.id} has no duplicate player edge`);
      for (const p of ps) assert.ok(tagEdges.has(`${p}/${t.id}`), 'PlayerTags is symmetric');
    }
    assert.equal([...tagEdges].length, allTags.reduce((n, t) => n + t.players.length, 0));
  } finally {
    await srv.stop();
  }
});
