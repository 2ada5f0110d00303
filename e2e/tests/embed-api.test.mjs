// The embed's host-page API (`?embed&api`, docs/embedding.md): a host page drives a framed
// figure with postMessage commands and reads its events. Each command must have its visible
// effect in the embed's own DOM; commands from a sibling frame, from another origin than
// `origin=`, or to an embed without `api` must be ignored; a bad command is answered with a
// `problem` and the figure runs on without a console error. Then the example page
// (static/api-demo.html) and its "Kill the cache" button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, shot, eventually, BASE } from '../lib/harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCENARIOS = join(HERE, '..', '..', 'static', 'scenarios');

// A host page: frames listed in its query (`?f=id:embed-query` …), every event from each frame
// collected with the wall time it arrived [ms], and `send(frameId, message)` to post to one.
const HOST = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host page</title></head>
<body style="margin:0">
<div id="frames"></div>
<iframe id="sibling" src="/sibling.html" width="200" height="40"></iframe>
<script>
  window.events = {};
  const frames = {};
  for (const spec of new URLSearchParams(location.search).getAll('f')) {
    const [id, query] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)];
    const f = document.createElement('iframe');
    f.id = id; f.width = 960; f.height = 640;
    f.src = '${BASE}' + query;
    document.getElementById('frames').appendChild(f);
    frames[id] = f;
    window.events[id] = [];
  }
  window.addEventListener('message', (e) => {
    for (const [id, f] of Object.entries(frames)) {
      if (e.source === f.contentWindow) window.events[id].push({ at: performance.now(), data: e.data });
    }
  });
  window.send = (id, message) => frames[id].contentWindow.postMessage(message, '*');
</script>
</body></html>`;
// A sibling frame on the same host page: it can reach the embed's window, but is not its parent.
const SIBLING = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Sibling</title></head>
<body>sibling<script>window.sendToEmbed = (id, m) => parent.document.getElementById(id).contentWindow.postMessage(m, '*');</script></body></html>`;

let server;
let browser;

before(async () => {
  server = await serve({ '/host.html': HOST, '/sibling.html': SIBLING });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the host page with these frames ({ id: embed query }). */
async function host(frames, viewport = { width: 1000, height: 1400 }) {
  const g = await openPage(browser, server.origin, viewport);
  const q = Object.entries(frames).map(([id, query]) => 'f=' + encodeURIComponent(`${id}:${query}`)).join('&');
  await g.page.goto(`${server.origin}/host.html?${q}`);
  return g;
}

const eventsOf = (page, id, name) =>
  page.evaluate(([id, name]) => window.events[id].filter((e) => !name || e.data?.event === name), [id, name]);
const send = (page, id, message) => page.evaluate(([id, m]) => window.send(id, m), [id, message]);
const cmd = (type, fields = {}) => ({ scaleboard: 1, type, ...fields });
const clockOf = async (frame) => Number((await frame.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));
const classOf = (frame, id) => frame.locator(`svg.canvas .node[data-id="${id}"]`).getAttribute('class');

/** Waits for an event of `name` from frame `id` that `fits`, and returns its data. */
async function waitEvent(page, id, name, fits = () => true, what = `a ${name} event`) {
  return eventually(async () => (await eventsOf(page, id, name)).map((e) => e.data).find(fits), what);
}

test('ready names the design; play, pause, speed, select, fail, recover, spike, rate and reset act as the dock does', async () => {
  const g = await host({ fig: '?scenario=05-cache&embed&api' });
  const { page } = g;
  const fig = page.frameLocator('#fig');
  const ready = await waitEvent(page, 'fig', 'ready');
  assert.equal(ready.scaleboard, 1);
  assert.equal(ready.scenario, 'Cache');
  assert.deepEqual(ready.nodes, ['users', 'dns', 'lb', 'web-1', 'web-2', 'web-3', 'web-4', 'cache', 'db', 'db-r1', 'db-r2', 'db-r3']);
  assert.deepEqual(ready.users, ['users']);
  assert.deepEqual(ready.data_centers, []);
  assert.equal(await clockOf(fig), 0, 'no autoplay: nothing runs before the host says play');

  await send(page, 'fig', cmd('play', { id: 1 }));
  await eventually(async () => (await clockOf(fig)) > 0.5, 'play: the clock advances');
  await send(page, 'fig', cmd('speed', { times: 5 }));
  await eventually(async () => (await fig.locator('.run-controls select[aria-label=Speed] option:checked').textContent()) === 'x5', 'speed: the run controls show x5');

  // Ticks: while running, at most 4 a second (counted over a few seconds), each with the clock.
  const first = (await eventsOf(page, 'fig', 'tick')).length;
  const ticks = await eventually(async () => {
    const all = (await eventsOf(page, 'fig', 'tick')).slice(first);
    return all.length >= 2 && all.at(-1).at - all[0].at >= 3000 && all;
  }, 'tick events over at least 3 s of wall time');
  const spanS = (ticks.at(-1).at - ticks[0].at) / 1000;
  assert.ok(ticks.length - 1 <= 4 * spanS + 1, `at most 4 ticks a second: ${ticks.length} in ${spanS.toFixed(2)} s`);
  for (let i = 1; i < ticks.length; i++) {
    assert.ok(ticks[i].at - ticks[i - 1].at >= 240, `ticks at least 250 ms apart [ms of wall time]: ${ticks[i].at - ticks[i - 1].at}`);
    assert.ok(ticks[i].data.clock_s > ticks[i - 1].data.clock_s, 'the clock moves from tick to tick');
  }
  const lastTick = ticks.at(-1).data;
  for (const k of ['p50_ms', 'p99_ms', 'good_pct', 'ok_rps', 'errors_rps']) {
    assert.equal(typeof lastTick[k], 'number', `${k} is a number once a window closed: ${JSON.stringify(lastTick)}`);
  }
  assert.ok(lastTick.ok_rps > 1000, `ok/s near the users' 4,480 requests/s: ${lastTick.ok_rps}`);

  await send(page, 'fig', cmd('pause'));
  await eventually(async () => (await fig.locator('.run-dock button.primary').getAttribute('aria-pressed')) === 'false', 'pause: Play is up again');
  await send(page, 'fig', cmd('select', { node: 'lb' }));
  await eventually(async () => /\bselected\b/.test(await classOf(fig, 'lb')), 'select: the load balancer is selected in the diagram');
  // The selection is a click's: the dock offers the load balancer's fault buttons.
  await fig.locator('.run-inject fieldset.faults').waitFor();

  await send(page, 'fig', cmd('fail', { node: 'cache', id: 'kill' }));
  await eventually(async () => /\bdown\b/.test(await classOf(fig, 'cache')), 'fail: the cache is marked down, even while paused');
  const failed = await waitEvent(page, 'fig', 'fault', (f) => f.action === 'fail' && f.node === 'cache');
  // The clock is shown to 0.1 s; paused, it stays at the fault's simulated time.
  await eventually(async () => Math.abs((await clockOf(fig)) - failed.at_s) <= 0.051, `the clock shows the fault's time, ${failed.at_s} s`);
  const paused = await clockOf(fig);
  await eventually(async () => (await fig.locator('svg.canvas .node.live').count()) > 0, 'the canvas shows the paused run');
  assert.equal(await clockOf(fig), paused, 'paused: the clock stays');
  await send(page, 'fig', cmd('play'));
  await send(page, 'fig', cmd('recover', { node: 'cache' }));
  await eventually(async () => !/\bdown\b/.test(await classOf(fig, 'cache')), 'recover: the cache is up again');
  await waitEvent(page, 'fig', 'fault', (f) => f.action === 'recover' && f.node === 'cache');

  await send(page, 'fig', cmd('spike', { factor: 3, seconds: 20 }));
  const spike = await waitEvent(page, 'fig', 'fault', (f) => f.action === 'spike');
  assert.deepEqual([spike.node, spike.factor, spike.duration_s], ['users', 3, 20]);
  await send(page, 'fig', cmd('rate', { rps: 9000 }));
  await eventually(async () => (await fig.locator('[data-metric=rate]').textContent()) === '9000/s', 'rate: the traffic controls show 9000/s');
  await waitEvent(page, 'fig', 'fault', (f) => f.action === 'set_rate' && f.rate_rps === 9000);
  // The reader's own click is told as well.
  await fig.locator('svg.canvas .node[data-id="db-r1"]').click();
  await fig.locator('.run-inject fieldset.faults button', { hasText: 'Slow down' }).click();
  await waitEvent(page, 'fig', 'fault', (f) => f.action === 'slow' && f.node === 'db-r1' && f.factor === 4, 'the reader\'s own Slow down click, told as a fault');

  // Two commands posted in one go (the example page's Reset): both are done, in order.
  const before = await clockOf(fig);
  await page.evaluate(() => { window.send('fig', { scaleboard: 1, type: 'reset' }); window.send('fig', { scaleboard: 1, type: 'play' }); });
  await eventually(async () => (await clockOf(fig)) < before, 'reset: the clock went back');
  await eventually(async () => (await fig.locator('.run-dock button.primary').getAttribute('aria-pressed')) === 'true', 'play after reset: playing');
  await send(page, 'fig', cmd('reset'));
  await eventually(async () => (await clockOf(fig)) === 0, 'reset: the clock is back at zero');
  assert.equal((await eventsOf(page, 'fig', 'problem')).length, 0, 'no command was refused');
  await shot(page, 'embed-api-host');
  g.assertClean(assert);
  await g.context.close();
});

test('load replaces the design after validating it like a file; outage and restore act on its data centers', async () => {
  const g = await host({ fig: '?scenario=05-cache&embed&api&autoplay' });
  const { page } = g;
  const fig = page.frameLocator('#fig');
  await waitEvent(page, 'fig', 'ready');
  const text = await readFile(join(SCENARIOS, '08-two-data-centers.json'), 'utf8');
  // A document with a problem: refused with the validation's words, the figure left as it was.
  const bad = JSON.parse(text);
  bad.nodes.find((n) => n.id === 'web-us-1').workers = 0;
  await send(page, 'fig', cmd('load', { scenario: bad, id: 'bad-doc' }));
  const refused = await waitEvent(page, 'fig', 'problem', (p) => p.id === 'bad-doc');
  assert.match(refused.message, /not loaded/);
  assert.match(refused.message, /web-us-1/);
  assert.equal(await fig.locator('svg.canvas .node[data-id="web-us-1"]').count(), 0, 'the cache design stays');
  await eventually(async () => (await clockOf(fig)) > 1, 'the cache design keeps running');

  // The document as text, as a host might fetch it.
  await send(page, 'fig', cmd('load', { scenario: text, id: 'dcs' }));
  const loaded = await waitEvent(page, 'fig', 'loaded', (e) => e.id === 'dcs');
  assert.deepEqual(loaded.data_centers, ['dc-us', 'dc-eu']);
  await fig.locator('svg.canvas .node[data-id="web-eu-1"]').waitFor();
  assert.equal(await fig.locator('svg.canvas .node[data-id="cache"]').count(), 0, 'the cache design is gone');
  // Loaded as the embed's URL says: `autoplay`, so it runs by itself.
  await eventually(async () => (await clockOf(fig)) > 0.5, 'the loaded design runs');
  await send(page, 'fig', cmd('outage', { dc: 'dc-us' }));
  await eventually(async () => /\bdown\b/.test(await classOf(fig, 'web-us-1')), 'outage: the US data center\'s servers are down');
  assert.ok(!/\bdown\b/.test(await classOf(fig, 'web-eu-1')), 'the EU data center stays up');
  await waitEvent(page, 'fig', 'fault', (f) => f.action === 'dc_outage' && f.dc === 'dc-us');
  await send(page, 'fig', cmd('restore', { dc: 'dc-us' }));
  await eventually(async () => !/\bdown\b/.test(await classOf(fig, 'web-us-1')), 'restore: the US servers are up again');
  g.assertClean(assert);
  await g.context.close();
});

test('bad commands are answered with a readable problem, and the figure runs on', async () => {
  const g = await host({ fig: '?scenario=05-cache&embed&api&autoplay' });
  const { page } = g;
  const fig = page.frameLocator('#fig');
  await waitEvent(page, 'fig', 'ready');
  const cases = [
    ['kill the cache', /not JSON/],
    [{ scaleboard: 1, type: 'explode', id: 2 }, /unknown command type "explode".*play, pause/],
    [{ scaleboard: 1, type: 'fail', node: 'cahce', id: 3 }, /no node "cahce".*cache, db/],
    [{ scaleboard: 1, type: 'fail', node: 'users', id: 4 }, /does not apply to "users"/],
    [{ scaleboard: 2, type: 'play', id: 5 }, /speaks version 1/],
    [{ scaleboard: 1, type: 'fail', id: 6 }, /needs "node"/],
    [{ scaleboard: 1, type: 'speed', times: 3, id: 7 }, /not one of the run controls' speeds/],
    [{ scaleboard: 1, type: 'outage', dc: 'dc-us', id: 8 }, /no data centers/],
  ];
  for (const [message, says] of cases) await send(page, 'fig', message);
  const problems = await eventually(async () => {
    const p = (await eventsOf(page, 'fig', 'problem')).map((e) => e.data);
    return p.length >= cases.length && p;
  }, `${cases.length} problem events`);
  cases.forEach(([message, says], i) => {
    assert.match(problems[i].message, says, `problem for ${JSON.stringify(message)}`);
    assert.equal(problems[i].id, message.id, 'the id is echoed');
    assert.equal(problems[i].scaleboard, 1);
  });
  // Still running, nothing failed, nothing logged.
  const t = await clockOf(fig);
  await eventually(async () => (await clockOf(fig)) > t + 0.5, 'the figure keeps running after bad commands');
  assert.ok(!/\bdown\b/.test(await classOf(fig, 'cache')));
  g.assertClean(assert);
  await g.context.close();
});

test('an embed whose scenario cannot be opened says so instead of ready', async () => {
  const g = await host({ fig: '?scenario=05-cahce&embed&api' });
  const { page } = g;
  const p = await waitEvent(page, 'fig', 'problem');
  assert.match(p.message, /05-cahce/);
  assert.match(p.message, /05-cache/, 'the known names are listed');
  assert.deepEqual(await eventsOf(page, 'fig', 'ready'), []);
  g.assertClean(assert);
  await g.context.close();
});

test('only the parent, from the origin named, is obeyed; an embed without api has no listener', async () => {
  const g = await host({
    // Running (a failed node is marked only on a running figure's canvas).
    fig: '?scenario=05-cache&embed&autoplay&api',
    other: `?scenario=05-cache&embed&autoplay&api&origin=${encodeURIComponent('https://docs.example.com')}`,
    plain: '?scenario=05-cache&embed&autoplay',
    own: `?scenario=05-cache&embed&autoplay&api&origin=${encodeURIComponent(server.origin)}`,
  }, { width: 1000, height: 2800 });
  const { page } = g;
  const [fig, other, plain, own] = ['#fig', '#other', '#plain', '#own'].map((s) => page.frameLocator(s));
  await waitEvent(page, 'fig', 'ready');
  await waitEvent(page, 'own', 'ready', () => true, 'ready from the embed whose origin= is the host page\'s');
  for (const f of [fig, other, plain, own]) await eventually(async () => (await clockOf(f)) > 0.2, 'every figure runs');
  // The sibling frame sends first, straight to the embed's window; the parent after.
  const sibling = page.frame({ url: /sibling\.html/ });
  await sibling.evaluate(() => window.sendToEmbed('fig', { scaleboard: 1, type: 'fail', node: 'cache' }));
  for (const id of ['other', 'plain', 'own']) await send(page, id, cmd('fail', { node: 'cache' }));
  for (const id of ['fig', 'other', 'plain', 'own']) await send(page, id, cmd('select', { node: 'lb' }));
  await eventually(async () => /\bselected\b/.test(await classOf(fig, 'lb')), 'the parent\'s select, sent after the sibling\'s fail, is done');
  await eventually(async () => /\bdown\b/.test(await classOf(own, 'cache')) && /\bselected\b/.test(await classOf(own, 'lb')),
    'the embed with origin= the host page\'s own obeys');
  assert.ok(!/\bdown\b/.test(await classOf(fig, 'cache')), 'the sibling frame\'s fail is ignored');
  assert.equal((await eventsOf(page, 'fig', 'problem')).length, 0, 'ignored, not answered');
  for (const [name, f] of [['other', other], ['plain', plain]]) {
    assert.ok(!/\bdown\b/.test(await classOf(f, 'cache')), `${name}: fail ignored`);
    assert.ok(!/\bselected\b/.test(await classOf(f, 'lb')), `${name}: select ignored`);
    assert.deepEqual(await eventsOf(page, name, null), [], `${name}: no event reaches this page`);
  }
  g.assertClean(assert);
  await g.context.close();
});

test('the example page: its own buttons drive the figure and its text follows the events', async () => {
  for (const viewport of [{ width: 1024, height: 768 }, { width: 1280, height: 800 }]) {
    const g = await openPage(browser, server.origin, viewport);
    const { page } = g;
    await page.goto(server.url('api-demo.html'));
    const fig = page.frameLocator('#figure');
    const kill = page.getByRole('button', { name: 'Kill the cache' });
    await eventually(async () => !(await kill.isDisabled()), 'the page enables its buttons on ready');
    await eventually(async () => /ms$/.test(await page.locator('#p99').textContent()), 'the live p99 from tick events');
    await kill.click();
    await eventually(async () => /\bdown\b/.test(await classOf(fig, 'cache')), 'Kill the cache fails the cache in the figure');
    await eventually(async () => /fail cache/.test(await page.locator('#log').textContent()), 'the page lists the fault');
    await page.getByRole('button', { name: 'Send a typo' }).click();
    await eventually(async () => /no node "cahce"/.test(await page.locator('#log .problem').first().textContent()), 'the page lists the problem');
    await page.getByRole('button', { name: 'Bring it back' }).click();
    await eventually(async () => !/\bdown\b/.test(await classOf(fig, 'cache')), 'Bring it back recovers it');
    await page.getByRole('button', { name: 'Double the traffic' }).click();
    await eventually(async () => (await fig.locator('[data-metric=rate]').textContent()) === '8960/s', 'Double the traffic sets 8,960 requests/s');
    await shot(page, `api-demo-${viewport.width}`);
    g.assertClean(assert);
    await g.context.close();
  }
});
