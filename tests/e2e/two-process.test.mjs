// two-process.test.mjs - two relata processes serving one database (RELATA_E2E_STORE
// picks SQLite or PostgreSQL): what one writes the other reads at once; parallel writes
// through both to the same to-one sides and unique values leave no duplicate edge, no
// second edge on a one-side, no duplicate unique value and no lost acknowledged write.
// On PostgreSQL, --pg-schema keeps two models' tables apart in one database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, startServer, gql } from './lib/server.mjs';

const MODEL = `
type Team @model {
  id: ID! @isUnique
  name: String! @isUnique
  members: [Player!]! @relation(name: "TeamMembers")
}
type Player @model {
  id: ID! @isUnique
  name: String!
  team: Team @relation(name: "TeamMembers")
}
`;

async function ok(url, query, variables) {
  const r = await gql(url, query, variables);
  assert.equal(r.body.errors, undefined, `${query}: ${JSON.stringify(r.body.errors)}`);
  return r.body.data;
}

test('a write through one process is read through the other, both ways', async () => {
  const a = await startServer(MODEL);
  const b = await startServer(MODEL, [], { db: a.dbUrl });
  try {
    const t = (await ok(a.url, 'mutation { createTeam(name: "Red") { id } }')).createTeam;
    const seen = await ok(b.url, 'query ($id: ID!) { Team(id: $id) { name } }', { id: t.id });
    assert.deepEqual(seen, { Team: { name: 'Red' } });
    const p = (await ok(b.url, 'mutation ($t: ID!) { createPlayer(name: "Ann", teamId: $t) { id } }', { t: t.id })).createPlayer;
    const back = await ok(a.url, 'query ($id: ID!) { Team(id: $id) { members { id name } } }', { id: t.id });
    assert.deepEqual(back.Team.members, [{ id: p.id, name: 'Ann' }]);
    await ok(a.url, 'mutation ($id: ID!) { updatePlayer(id: $id, name: "Anne") { id } }', { id: p.id });
    assert.deepEqual(await ok(b.url, '{ allPlayers { name team { name } } }'),
      { allPlayers: [{ name: 'Anne', team: { name: 'Red' } }] });
    await ok(b.url, 'mutation ($id: ID!) { deletePlayer(id: $id) { id } }', { id: p.id });
    assert.deepEqual(await ok(a.url, '{ _allPlayersMeta { count } }'), { _allPlayersMeta: { count: 0 } });
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('parallel writes through two processes keep one-sides and unique values', async () => {
  const a = await startServer(MODEL);
  const b = await startServer(MODEL, [], { db: a.dbUrl });
  try {
    const seed = await ok(a.url, `mutation { t1: createTeam(name: "t1") { id } t2: createTeam(name: "t2") { id }
      p1: createPlayer(name: "p1") { id } p2: createPlayer(name: "p2") { id } p3: createPlayer(name: "p3") { id } }`);
    const teams = [seed.t1.id, seed.t2.id];
    const players = [seed.p1.id, seed.p2.id, seed.p3.id];
    const created = [];
    let uniqueWins = 0, uniqueLosses = 0;
    const work = [];
    for (let i = 0; i < 120; i++) {
      const srv = i % 2 ? a : b;
      const player = players[i % 3], team = teams[(i >> 1) % 2];
      // Moves a player between teams from both processes at once (a to-one side).
      work.push(ok(srv.url, 'mutation ($p: ID!, $t: ID!) { addToTeamMembers(membersPlayerId: $p, teamTeamId: $t) { teamTeam { id } } }',
        { p: player, t: team }));
      // Nested creates from both processes: every acknowledged one must exist afterwards.
      work.push(ok(srv.url, 'mutation ($t: ID!, $n: String!) { createPlayer(name: $n, teamId: $t) { id } }',
        { t: team, n: `x${i}` }).then((d) => created.push(d.createPlayer.id)));
      // The same unique name tried through both processes: exactly one create succeeds.
      if (i % 10 === 0) {
        const name = `NAME${i}`;
        for (const s of [a, b]) {
          work.push(gql(s.url, 'mutation ($n: String!) { createTeam(name: $n) { id } }', { n: i % 20 ? name : name.toLowerCase() })
            .then((r) => {
              if (r.body.errors) {
                assert.equal(r.body.errors[0].code, 3010, JSON.stringify(r.body.errors));
                uniqueLosses++;
              } else uniqueWins++;
            }));
        }
      }
    }
    await Promise.all(work);
    assert.equal(uniqueWins, 12);
    assert.equal(uniqueLosses, 12);

    const all = await ok(b.url, '{ allTeams { id name members(first: 1000) { id } } allPlayers(first: 1000) { id team { id } } }');
    const ids = new Set(all.allPlayers.map((p) => p.id));
    for (const id of created) assert.ok(ids.has(id), `acknowledged create ${id} is present`);
    const memberOf = new Map();
    for (const t of all.allTeams) {
      const m = t.members.map((p) => p.id);
      assert.equal(new Set(m).size, m.length, `no duplicate edge in ${t.name}`);
      for (const p of m) {
        assert.ok(!memberOf.has(p), `player ${p} is in one team only`);
        memberOf.set(p, t.id);
      }
    }
    for (const p of all.allPlayers) assert.equal(p.team ? p.team.id : undefined, memberOf.get(p.id));
    const names = all.allTeams.map((t) => t.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, 'team names are unique (case-insensitively)');
  } finally {
    await b.stop();
    await a.stop();
  }
});

test('PostgreSQL: --pg-schema keeps two models apart in one database', { skip: STORE !== 'postgres' && 'PostgreSQL only' }, async () => {
  const a = await startServer(MODEL, ['--pg-schema', 'one']);
  const b = await startServer('type Note @model {\n  id: ID! @isUnique\n  text: String\n}\n', ['--pg-schema', 'two'], { db: a.dbUrl });
  try {
    await ok(a.url, 'mutation { createTeam(name: "Red") { id } }');
    await ok(b.url, 'mutation { createNote(text: "hi") { id } }');
    assert.deepEqual(await ok(a.url, '{ allTeams { name } }'), { allTeams: [{ name: 'Red' }] });
    assert.deepEqual(await ok(b.url, '{ allNotes { text } }'), { allNotes: [{ text: 'hi' }] });
  } finally {
    await b.stop();
    await a.stop();
  }
  // The same database without --pg-schema uses "public", which holds no model yet.
  const c = await startServer(MODEL);
  await c.stop();
});
