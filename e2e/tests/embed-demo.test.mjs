// The embed demo page (static/embed-demo.html, shipped in dist/): ordinary documentation text
// with two live scenarios in iframes. Both must draw and run on their own; the second is
// read-only, Korean and dark, as its URL asks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, until, eventually } from '../lib/harness.mjs';

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

const clockOf = async (frame) => Number((await frame.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));

test('the embed demo page runs both scenarios inside documentation text', async () => {
  const g = await openPage(browser, server.origin, { width: 1100, height: 1400 });
  const { page } = g;
  await page.goto(server.url('embed-demo.html'));
  assert.match(await page.locator('h1').textContent(), /cache/i);
  const cache = page.frameLocator('#cache');
  const dcs = page.frameLocator('#dcs');
  for (const f of [cache, dcs]) {
    await f.locator('svg.canvas .node').first().waitFor();
    await f.locator('.run-dock').waitFor();
  }
  // Autoplay: both clocks move by themselves, and both canvases colour their nodes by load.
  await eventually(async () => (await clockOf(cache)) > 0.5 && (await clockOf(dcs)) > 0.5, 'both embeds run on their own (clocks past 0.5 s)');
  await cache.locator('svg.canvas .node.live').first().waitFor();
  await dcs.locator('svg.canvas .node.live').first().waitFor();
  // Embed mode: no palette, no file bar, a way out to the full app.
  for (const f of [cache, dcs]) {
    assert.equal(await f.locator('.palette').count(), 0);
    assert.equal(await f.locator('nav.file').count(), 0);
    assert.equal(await f.locator('a.open-full').count(), 1);
  }
  // The second: Korean, dark, read-only.
  assert.equal(await dcs.locator('html').getAttribute('lang'), 'ko');
  assert.equal(await dcs.locator('html').getAttribute('data-theme'), 'dark');
  const node = dcs.locator('svg.canvas .node').nth(2);
  const before = await node.getAttribute('transform');
  const box = await node.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 8 });
  await page.mouse.up();
  await eventually(async () => /selected/.test(await node.getAttribute('class')), 'a node of the read-only diagram is selected by the press (to fail it)');
  assert.equal(await node.getAttribute('transform'), before, 'a read-only diagram does not move');
  // No wiring handles where no wire can be drawn, not even on the selected node under the
  // pointer (where an editable diagram shows them however far it is zoomed out).
  assert.equal(await dcs.locator('svg.canvas .node .handle:visible').count(), 0, 'a read-only diagram shows no wiring handles');
  await shot(page, 'embed-demo');
  g.assertClean(assert);
  await g.context.close();
});
