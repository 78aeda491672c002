// relation-churn.mjs - one client process of the concurrency test: for DURATION ms it
// connects and disconnects the same pairs as its siblings and creates players, then
// prints a JSON summary {created: [ids], errors: [...], requests: n} on stdout.
const [url, idsJson, durationMs, seed] = process.argv.slice(2);
const ids = JSON.parse(idsJson);
let state = Number(seed) >>> 0 || 1;
const rand = (n) => { state = (state * 1103515245 + 12345) >>> 0; return (state >>> 8) % n; };
const pick = (a) => a[rand(a.length)];

async function post(query, variables) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: await res.json() };
}

const ops = [
  () => post('mutation ($t: ID!, $p: ID!) { addToTeamMembers(teamTeamId: $t, membersPlayerId: $p) { teamTeam { id } } }',
    { t: pick(ids.teams), p: pick(ids.players) }),
  () => post('mutation ($t: ID!, $p: ID!) { removeFromTeamMembers(teamTeamId: $t, membersPlayerId: $p) { teamTeam { id } } }',
    { t: pick(ids.teams), p: pick(ids.players) }),
  () => post('mutation ($t: ID!, $p: ID!) { setTeamCaptain(captainOfTeamId: $t, captainPlayerId: $p) { captainOfTeam { id } } }',
    { t: pick(ids.teams), p: pick(ids.players) }),
  () => post('mutation ($t: ID!, $p: ID!) { unsetTeamCaptain(captainOfTeamId: $t, captainPlayerId: $p) { captainOfTeam { id } } }',
    { t: pick(ids.teams), p: pick(ids.players) }),
  () => post('mutation ($g: ID!, $p: ID!) { addToPlayerTags(playersPlayerId: $p, tagsTagId: $g) { tagsTag { id } } }',
    { g: pick(ids.tags), p: pick(ids.players) }),
  () => post('mutation ($g: ID!, $p: ID!) { removeFromPlayerTags(playersPlayerId: $p, tagsTagId: $g) { tagsTag { id } } }',
    { g: pick(ids.tags), p: pick(ids.players) }),
  () => post('mutation ($p: ID!, $t: ID!) { updatePlayer(id: $p, teamId: $t) { id } }',
    { p: pick(ids.players), t: pick(ids.teams) }),
  () => post('mutation ($t: ID!, $g: [ID!]) { createPlayer(name: "new", teamId: $t, tagsIds: $g) { id } }',
    { t: pick(ids.teams), g: [pick(ids.tags), pick(ids.tags)] }),
];

const created = [];
const errors = [];
let requests = 0;
const end = Date.now() + Number(durationMs);
while (Date.now() < end) {
  const i = rand(ops.length);
  const r = await ops[i]();
  requests++;
  if (r.status !== 200 || r.body.errors) errors.push({ op: i, status: r.status, errors: r.body.errors });
  else if (r.body.data.createPlayer) created.push(r.body.data.createPlayer.id);
}
process.stdout.write(JSON.stringify({ created, errors, requests }));
