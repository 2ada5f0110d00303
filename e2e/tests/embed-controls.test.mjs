// Locked controls (`controls=`): a documentation figure shows only the controls its author
// chose, in a compact bar; the clock and the figures stay. Driven with the real pointer: the
// rate slider dragged, the named fault button clicked; a list with mistakes shows what it can
// and names each mistake inside the embed, as console warnings, never errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, eventually } from '../lib/harness.mjs';

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

const embed = (controls, more = '') => server.url(`?scenario=05-cache&embed&autoplay&controls=${controls}${more}`);
const clockOf = async (page) => Number((await page.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));
// "4.48k/s", "1.20M/s", "850/s" as requests per second.
const rateOf = (text) => {
  const m = /([0-9.]+)\s*([kM]?)/.exec(text);
  return m ? Number(m[1]) * ({ k: 1e3, M: 1e6 }[m[2]] ?? 1) : NaN;
};
const okRps = async (page) => rateOf(await page.locator('[data-metric=ok-rps]').textContent());
// What a reader can operate in the dock's control rows (the charts' own view switches aside).
const dockControls = (page) => page.locator('.run-dock .run-controls :is(button, select, input), .run-dock .run-inject :is(button, select, input)');

test('rate and a named fault button, and nothing else; both act on the run', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  await page.goto(embed('rate,fail:cache'));
  const slider = page.locator('.embed-bar input[type=range]');
  const fail = page.locator('.embed-bar button[data-control="fail:cache"]');
  await slider.waitFor();
  assert.equal(await fail.textContent(), 'Fail Cache', 'the button names the node as the scenario does');
  assert.equal(await dockControls(page).count(), 2, 'only the slider and the fault button');
  for (const gone of ['Play', 'Pause', 'Step', 'Reset', 'Spike']) {
    assert.equal(await page.locator('.run-dock').getByRole('button', { name: gone, exact: true }).count(), 0, `no ${gone} button`);
  }
  assert.equal(await page.locator('.run-dock select').count(), 0, 'no speed picker');
  assert.equal(await page.locator('.run-dock .run-inject, .run-dock .timeline').count(), 0, 'no traffic, fault or timeline rows');
  // The figure plays by itself and its numbers show the design's traffic (4,480 requests/s).
  await eventually(async () => (await clockOf(page)) > 1 && (await okRps(page)) > 3000, 'the figure runs at its own rate (over 3k ok/s)');
  await shot(page, 'embed-controls-rate-fail');

  // The reader presses the slider (hover waits until it stops moving: the clock beside it grows
  // as the run goes) and drags to the far left (1 request/s on its log scale).
  await slider.hover();
  const box = await slider.boundingBox();
  await page.mouse.down();
  await page.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 12 });
  // The reader holds the thumb there while the run plays on: the dock redraws many times under
  // the pointer, and the thumb must stay where it is held (it once jumped back, losing the drag).
  const held = await clockOf(page);
  await eventually(async () => (await clockOf(page)) > held + 0.5, 'the run plays on (clock +0.5 s) while the thumb is held');
  assert.equal(await slider.inputValue(), '0', 'the held thumb stays at the left end through the redraws');
  await page.mouse.up();
  const shown = page.locator('.embed-bar output[data-metric=rate]');
  await eventually(async () => (await shown.textContent()) === '1/s', 'the slider shows 1/s after the drag to its left end');
  await eventually(async () => (await okRps(page)) < 50, 'the run serves the new, lower rate (under 50 ok/s)');

  // Fail Cache: the run's cache goes down (crossed out on the canvas); the button offers Recover.
  const box2 = await fail.boundingBox();
  await page.mouse.click(box2.x + box2.width / 2, box2.y + box2.height / 2);
  await eventually(async () => (await fail.textContent()) === 'Recover Cache', 'the fault button turns to Recover Cache');
  assert.ok(await page.locator('svg.canvas .node.down[data-id="cache"]').isVisible(), 'the cache is down on the canvas');
  await page.mouse.click(box2.x + box2.width / 2, box2.y + box2.height / 2);
  await eventually(async () => (await fail.textContent()) === 'Fail Cache', 'Recover brings the cache back, and the button to Fail');
  await eventually(async () => (await page.locator('svg.canvas .node.down[data-id="cache"]').count()) === 0, 'the cache is up again on the canvas');
  g.assertClean(assert);
  await g.context.close();
});

test('controls=none: no control at all, and the figure still plays by itself', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(embed('none'));
  await page.locator('.embed-bar').waitFor();
  await eventually(async () => (await clockOf(page)) > 1, 'the figure autoplays (clock past 1 s)');
  assert.equal(await dockControls(page).count(), 0, 'no control in the dock');
  assert.equal(await page.locator('.control-problems').count(), 0, 'and nothing to report');
  g.assertClean(assert);
  await g.context.close();
});

test('a list with a mistyped node and an unknown word shows the rest and names both mistakes', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  await page.goto(embed('rate,fail:cahce,bogus'));
  await page.locator('.embed-bar input[type=range]').waitFor();
  assert.equal(await dockControls(page).count(), 1, 'the valid slider still shows, alone');
  const items = page.locator('.control-problems li');
  await eventually(async () => (await items.count()) === 2, 'two problems listed in the embed');
  const [first, second] = await items.allTextContents();
  assert.match(first, /'fail:cahce' \(item 2\).*no node 'cahce'.*did you mean 'cache'\?.*cache, db/);
  assert.match(second, /'bogus' \(item 3\).*not a control.*play, reset, speed, rate/);
  assert.ok(await items.first().isVisible(), 'readable in the embed');
  await eventually(() => warnings.filter((w) => w.includes('cahce') || w.includes('bogus')).length === 2, 'each problem logged once as a console warning');
  await shot(page, 'embed-controls-problems');
  g.assertClean(assert);
  await g.context.close();
});

test('controls= outside an embed leaves the whole dock', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&controls=none'));
  await page.locator('.run-dock').getByRole('button', { name: 'Play', exact: true }).waitFor();
  assert.equal(await page.locator('.embed-bar').count(), 0, 'no locked bar in the editor');
  g.assertClean(assert);
  await g.context.close();
});
