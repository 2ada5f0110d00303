// Request traces, driven as a person does: play a design whose servers queue, ask for the slowest
// request of the last window and for the next request, click a window on the latency chart, read
// the waterfall (its phases add up to the latency it shows), see the path lit on the canvas, and
// close it with Escape. Figures are checked against each other (the rows' times against the
// total, the trace's end against the window clicked), never against fixed numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, until, eventually, shot } from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** "12.5 ms" / "2.31 s" -> ms. */
function ms(text) {
  const v = parseFloat(text.replace(/[^0-9.]/g, ''));
  return text.trim().endsWith(' s') ? v * 1000 : v;
}

/** The open waterfall as numbers: each row's phase and time [ms], the totals shown, the trace's own figures. */
async function readWaterfall(page) {
  return page.evaluate(() => {
    const w = document.querySelector('.trace-panel .waterfall');
    const total = (p) => w.querySelector(`[data-total=${p}]`)?.textContent ?? '';
    return {
      rows: [...w.querySelectorAll('.wf-rows .wf-row')].map((r) => ({
        phase: r.dataset.phase,
        ms: Number(r.dataset.ms),
        bar: r.querySelector('rect.bar')?.getBoundingClientRect().width ?? -1,
        track: r.querySelector('svg.wf-track')?.getBoundingClientRect().width ?? -1,
      })),
      totals: { network: total('network'), queue: total('queue'), service: total('service'), backoff: total('backoff'), all: total('all') },
      latencyMs: Number(w.dataset.latencyMs),
      sentMs: Number(w.dataset.sentMs),
      ending: w.dataset.ending,
      summary: w.querySelector('.wf-summary')?.textContent ?? '',
    };
  });
}

/** What the canvas lights: node ids, and how many wires. */
const lit = (page) =>
  page.evaluate(() => ({
    tracing: !!document.querySelector('svg.canvas .world.tracing'),
    nodes: [...document.querySelectorAll('svg.canvas .node.lit')].map((n) => n.dataset.id),
    wires: document.querySelectorAll('svg.canvas .wire.lit').length,
  }));

/** Checks an open waterfall: rows that add up to the latency shown, bars in proportion. */
function checkWaterfall(w, what) {
  assert.ok(w.rows.length >= 3, `${what}: a row per hop: ${JSON.stringify(w.rows)}`);
  const sum = w.rows.reduce((s, r) => s + r.ms, 0);
  // The spans tile the request's time, from the first send to the answer or the last failure.
  assert.ok(Math.abs(sum - w.latencyMs) <= 0.01 + w.latencyMs * 1e-6,
    `${what}: the rows' times (${sum} ms) make the latency (${w.latencyMs} ms, ${w.ending})`);
  assert.ok(Math.abs(ms(w.totals.all) - w.latencyMs) <= Math.max(0.06, w.latencyMs * 0.006),
    `${what}: the total shown (${w.totals.all}) is the latency (${w.latencyMs} ms)`);
  const served = w.rows.filter((r) => r.phase === 'service').reduce((s, r) => s + r.ms, 0);
  // An answered request was served somewhere; one refused at a full queue (503) may not have been.
  if (w.ending === 'answered') assert.ok(served > 0, `${what}: some time being served: ${JSON.stringify(w.rows)}`);
  assert.ok(Math.abs(ms(w.totals.service) - served) <= Math.max(0.06, served * 0.006), `${what}: the service total ${w.totals.service} is the rows' ${served} ms`);
  const axis = w.latencyMs;
  for (const r of w.rows.filter((r) => r.ms > axis / 20)) {
    const want = (r.ms / axis) * r.track;
    assert.ok(Math.abs(r.bar - want) <= 1.5, `${what}: a ${r.ms} ms bar is ${r.bar} px of ${r.track}, not ${want}`);
  }
}

test('the slowest request, the next one and a clicked window (live and scrubbed back) open a waterfall that adds up, with the path lit', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=03-load-balancer'));
  await page.locator('svg.canvas .node').first().waitFor();
  const next = page.locator('.run-dock button[data-trace=next]');
  const slowest = page.locator('.run-dock button[data-trace=slowest]');
  // Nothing runs yet: both wait, and say why.
  assert.ok(await next.isDisabled(), 'Trace a request waits for Play');
  assert.match(await next.getAttribute('title'), /Press Play/);
  assert.ok(await slowest.isDisabled(), 'Slowest waits for a window');
  assert.match(await slowest.getAttribute('title'), /No window has closed yet/);

  await page.locator('.run-dock select[aria-label=Speed]').selectOption('x2');
  await page.locator('.run-dock button.primary', { hasText: 'Play' }).click();
  await until(page, () => !document.querySelector('.run-dock button[data-trace=slowest]')?.disabled, undefined,
    { timeout: 60_000, what: 'a window closes and Slowest of the last window is offered' });
  // Both web servers are 60 % busy: a spike (x5 for 10 s, as the traffic controls offer it)
  // makes requests wait in line, and the slowest of a window then waited longest.
  await page.locator('.run-dock button', { hasText: /^Spike$/ }).click();
  const spikeAt = await page.evaluate(() => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')));
  await until(page, (s) => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= s + 3,
    spikeAt, { timeout: 90_000, what: `the clock reaches 3 s into the spike (from ${spikeAt} s)` });

  // 1. The slowest request of the last window (this design's windows are 1 s long, the default).
  await slowest.click();
  await page.locator('.trace-panel .waterfall').waitFor({ timeout: 30_000 });
  const w1 = await readWaterfall(page);
  checkWaterfall(w1, 'slowest');
  const queued = w1.rows.filter((r) => r.phase === 'queue').reduce((s, r) => s + r.ms, 0);
  assert.ok(queued > 0, `the slowest request of a busy window waited in line: ${JSON.stringify(w1.rows)}`);
  assert.ok(Math.abs(ms(w1.totals.queue) - queued) <= Math.max(0.06, queued * 0.006), `queue total ${w1.totals.queue} vs ${queued} ms`);
  const l1 = await eventually(async () => { const l = await lit(page); return l.tracing && l.nodes.length >= 3 && l; }, 'the path is lit on the canvas');
  assert.ok(l1.nodes.includes('users'), `the path starts at the users: ${l1.nodes}`);
  assert.ok(l1.wires >= 2, `wires on the path are lit: ${l1.wires}`);
  const dimmed = await page.locator('svg.canvas .node:not(.lit)').count();
  assert.ok(dimmed >= 1, 'a web server the request did not visit stays dim');
  await shot(page, 'trace-01-slowest');

  // Escape closes it, and the canvas is as before.
  await page.keyboard.press('Escape');
  await page.locator('.trace-panel').waitFor({ state: 'detached' });
  await eventually(async () => { const l = await lit(page); return !l.tracing && l.nodes.length === 0 && l.wires === 0; }, 'the path is cleared');
  await until(page, () => document.activeElement?.dataset.trace === 'slowest', undefined,
    { what: 'the keyboard is back on the button that opened the trace' });

  // 2. The next request, traced as the run goes.
  await next.click();
  await page.locator('.trace-panel .waterfall').waitFor({ timeout: 60_000 });
  const w2 = await readWaterfall(page);
  checkWaterfall(w2, 'next');
  assert.ok(w2.sentMs >= w1.sentMs, `the next request was sent after the last window's slowest: ${w2.sentMs} >= ${w1.sentMs}`);
  await page.locator('.trace-panel button.close').click();
  await page.locator('.trace-panel').waitFor({ state: 'detached' });

  // 3. A window clicked on the latency chart: the hover readout names it by its end.
  const chart = page.locator('.run-dock canvas.pickable');
  assert.equal(await chart.evaluate((c) => getComputedStyle(c).cursor), 'pointer', 'the chart says it can be clicked');
  assert.match(await chart.getAttribute('title'), /Click a window/);
  const box = await chart.boundingBox();
  const x = box.x + box.width * 0.45;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  const readout = await eventually(async () => {
    const t = await page.locator('.hover-readout').textContent();
    return /^at \d+ s/.test(t) && t;
  }, 'the hover readout names the window under the pointer');
  const endS = Number(readout.match(/^at (\d+) s/)[1]);
  await page.mouse.click(x, y);
  await page.locator('.trace-panel .waterfall').waitFor({ timeout: 30_000 });
  const w3 = await readWaterfall(page);
  checkWaterfall(w3, 'clicked window');
  // The engine counts a request in the window in which its answer left the last server (as the
  // latency chart does); the trip back to the user, the last row, may cross into the next.
  const back = w3.rows[w3.rows.length - 1];
  const leftS = (w3.sentMs + w3.latencyMs - (back.phase === 'network' ? back.ms : 0)) / 1000;
  assert.ok(leftS > endS - 1 - 1e-6 && leftS <= endS + 1e-6,
    `the request ended in the window clicked (${endS - 1} s to ${endS} s): ${leftS} s`);
  await shot(page, 'trace-02-clicked');
  await page.keyboard.press('Escape');
  await page.locator('.trace-panel').waitFor({ state: 'detached' });
  assert.equal((await lit(page)).tracing, false, 'closing clears the path');

  // 4. Scrubbed back on the replay timeline (the run pauses), a window still opens its slowest.
  await page.locator('.timeline input[type=range]').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.locator('.timeline.scrubbed').waitFor();
  const box2 = await chart.boundingBox();
  await page.mouse.click(box2.x + box2.width * 0.3, box2.y + box2.height / 2);
  await page.locator('.trace-panel .waterfall').waitFor({ timeout: 30_000 });
  checkWaterfall(await readWaterfall(page), 'replay');
  await page.keyboard.press('Escape');
  await page.locator('.trace-panel').waitFor({ state: 'detached' });
  g.assertClean(assert);
  await g.context.close();
});

test('a read traced past a failed cache marks the cache down and lights a path with no hole', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('svg.canvas .node[data-id="cache"]').waitFor();
  await page.locator('.run-dock select[aria-label=Speed]').selectOption('x2');
  await page.locator('.run-dock button.primary', { hasText: 'Play' }).click();
  const box = await page.locator('svg.canvas .node[data-id="cache"]').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('svg.canvas .node.selected[data-id="cache"]').waitFor();
  await page.locator('.run-dock fieldset.faults button', { hasText: /^Fail$/ }).click();
  await page.locator('svg.canvas .node.down[data-id="cache"]').waitFor({ timeout: 30_000 });
  // Trace requests one by one until a read (most of 05-cache's traffic) shows the cache passed over.
  const downRow = page.locator('.trace-panel .wf-rows .wf-row.down');
  await eventually(async () => {
    if (await downRow.count() > 0) return true;
    // The panel covers the dock: close the last trace (or wait) first, then ask for the next.
    if (await page.locator('.trace-panel').count() > 0) await page.keyboard.press('Escape');
    else await page.locator('.run-dock button[data-trace=next]').click({ timeout: 10_000 });
    return false;
  }, 'a traced read showed its wire to the failed cache marked down', { timeout: 90_000, interval: 1_500 });
  const row = (await downRow.first().textContent()) ?? '';
  assert.match(row, /Cache/, `the marked row is the wire to the cache: ${row}`);
  assert.match(row, /it was down/, row);
  const w = await readWaterfall(page);
  checkWaterfall(w, 'past a failed cache');
  assert.equal(w.ending, 'answered', `the read falls back to the database and is answered: ${w.summary}`);
  const path = await lit(page);
  assert.ok(path.nodes.includes('cache') && path.nodes.some((n) => n.startsWith('db')), `cache and a database lit: ${JSON.stringify(path)}`);
  // A path over n nodes needs at least n - 1 wires: a replica reached through its primary's
  // wire has no wire of its own to the web server, and lit none before.
  assert.ok(path.wires >= path.nodes.length - 1, `no hole in the lit path: ${JSON.stringify(path)}`);
  await shot(page, 'trace-03-cache-down');
  await page.keyboard.press('Escape');
  g.assertClean(assert);
  await g.context.close();
});
