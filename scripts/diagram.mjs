// Generated diagrams for the editor and live-run benchmarks, and the share link that opens them
// (encoded as Copy link does it: raw DEFLATE, then base64url).
import { deflateRawSync } from 'node:zlib';

/**
 * `rows` rows of users -> load balancer -> `webs` web servers -> database (and cache, wired
 * from every web server when `cacheWires`), each row's users sending `rate` requests/s. A row
 * holds webs + 4 nodes; nodes sit on a 208 x 96 px grid.
 */
export function rowsOfWebServers({ rows, webs, rate, cacheWires = false, name }) {
  const nodes = [];
  const wires = [];
  const W = 208;
  const H = 96;
  for (let r = 0; r < rows; r++) {
    const y = r * H;
    const id = (k, i = '') => `${k}-${r}${i === '' ? '' : `-${i}`}`;
    nodes.push({ id: id('users'), kind: 'users', name: `Users ${r + 1}`, x: 0, y, rate_rps: rate });
    nodes.push({ id: id('lb'), kind: 'load_balancer', name: `LB ${r + 1}`, x: W, y });
    wires.push({ from: id('users'), to: id('lb') });
    for (let i = 0; i < webs; i++) {
      nodes.push({ id: id('web', i), kind: 'web_server', name: `Web ${r + 1}.${i + 1}`, x: (2 + i) * W, y });
      wires.push({ from: id('lb'), to: id('web', i) });
      if (cacheWires) wires.push({ from: id('web', i), to: id('cache') });
      wires.push({ from: id('web', i), to: id('db') });
    }
    nodes.push({ id: id('cache'), kind: 'cache', name: `Cache ${r + 1}`, x: (webs + 2) * W, y });
    nodes.push({ id: id('db'), kind: 'database', name: `DB ${r + 1}`, x: (webs + 3) * W, y });
  }
  return { version: 1, name, seed: 1, nodes, wires };
}

/** The hash that opens `scenario` as a share link: `#s=...`. */
export function shareHash(scenario) {
  return `#s=${deflateRawSync(Buffer.from(JSON.stringify(scenario)), { level: 9 }).toString('base64url')}`;
}
