// ws.mjs - a raw WebSocket test client (the `ws` package) for the subscription suites:
// every message is kept in arrival order and can be awaited, so tests can assert the
// exact protocol exchange, including what the server must NOT send.
import WebSocket from 'ws';

export function wsUrl(httpUrl, path = '/graphql') {
  const u = new URL(httpUrl);
  return `ws://${u.host}${path}`;
}

// Opens a socket offering `protocol` (string or array). Resolves once open.
export async function openRaw(url, protocol, opts = {}) {
  const ws = new WebSocket(url, protocol, opts);
  const c = {
    ws,
    messages: [],      // parsed JSON (or the raw text when not JSON)
    waiters: [],
    closed: null,      // { code, reason } once closed
    send(obj) { ws.send(typeof obj === 'string' ? obj : JSON.stringify(obj)); },
    // Resolves with the first not-yet-taken message satisfying `pred` (default: any).
    next(pred = () => true, timeoutMs = 5000) {
      const i = c.messages.findIndex(pred);
      if (i >= 0) return Promise.resolve(c.messages.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve, timer: null };
        w.timer = setTimeout(() => {
          c.waiters.splice(c.waiters.indexOf(w), 1);
          reject(new Error(`no matching message within ${timeoutMs} ms; have ${JSON.stringify(c.messages)}`));
        }, timeoutMs);
        c.waiters.push(w);
      });
    },
    // Resolves with { code, reason } when the socket closes.
    whenClosed(timeoutMs = 5000) {
      if (c.closed) return Promise.resolve(c.closed);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
        ws.once('close', () => { clearTimeout(t); resolve(c.closed); });
      });
    },
    close() { ws.close(); },
  };
  ws.on('message', (data) => {
    let m;
    try { m = JSON.parse(data.toString()); } catch { m = data.toString(); }
    const w = c.waiters.find((x) => x.pred(m));
    if (w) {
      clearTimeout(w.timer);
      c.waiters.splice(c.waiters.indexOf(w), 1);
      w.resolve(m);
    } else {
      c.messages.push(m);
    }
  });
  ws.on('close', (code, reason) => { c.closed = { code, reason: reason.toString() }; });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
    ws.once('unexpected-response', (req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
  });
  ws.on('error', () => {});
  return c;
}

// graphql-transport-ws: open, init, await ack.
export async function openTransport(url, payload) {
  const c = await openRaw(url, 'graphql-transport-ws');
  c.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
  await c.next((m) => m.type === 'connection_ack');
  let n = 0;
  // Messages on one connection are handled in order: a pong proves that everything
  // sent before the ping (e.g. a subscribe) has been processed.
  c.sync = async () => {
    c.send({ type: 'ping', payload: { n: ++n } });
    await c.next((m) => m.type === 'pong');
  };
  c.subscribe = async (id, query, variables) => {
    c.send({ id, type: 'subscribe', payload: { query, variables } });
    await c.sync();
  };
  c.events = (id) => c.messages.filter((m) => m.id === id && m.type === 'next').map((m) => m.payload);
  return c;
}

// graphql-ws (subscriptions-transport-ws): open, init, await ack.
export async function openApollo(url, payload) {
  const c = await openRaw(url, 'graphql-ws');
  c.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
  await c.next((m) => m.type === 'connection_ack');
  let n = 0;
  // A start that fails validation is answered at once: everything before it is done.
  c.sync = async () => {
    const id = `sync-${++n}`;
    c.send({ id, type: 'start', payload: { query: 'subscription { nope }' } });
    await c.next((m) => m.id === id && m.type === 'error');
  };
  return c;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits until `cond()` is true (polling), or fails after timeoutMs.
export async function until(cond, timeoutMs = 5000, what = 'condition') {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
