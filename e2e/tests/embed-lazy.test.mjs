// Lazy start: an autoplaying embed runs only while the reader can see it. A documentation page
// with two figures, one at the top and one far below the fold: only the visible one runs; the
// reader's scroll (a real mouse wheel) starts the lower one and pauses the upper, and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, eventually, BASE } from '../lib/harness.mjs';

const figure = (id, scenario) => `<iframe id="${id}" title="${scenario}" width="900" height="520"
  src="${BASE}?scenario=${scenario}&amp;embed&amp;autoplay"></iframe>`;
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Two figures</title></head>
<body style="margin:0">
  <p>A figure at the top of the page.</p>
  ${figure('top', '01-single-server')}
  <div style="height:2400px">Text between the figures, far longer than the window.</div>
  ${figure('below', '05-cache')}
  <div style="height:1600px"></div>
</body></html>`;

let server;
let browser;

before(async () => {
  server = await serve({ '/two-figures.html': PAGE });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const clockOf = async (frame) => Number((await frame.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));
const playing = async (frame) => (await frame.locator('.run-dock button.primary').getAttribute('aria-pressed')) === 'true';

test('an autoplaying embed runs while it is on screen and pauses while it is not', async () => {
  const g = await openPage(browser, server.origin, { width: 1000, height: 700 });
  const { page } = g;
  await page.goto(`${server.origin}/two-figures.html`);
  const top = page.frameLocator('#top');
  const below = page.frameLocator('#below');
  for (const f of [top, below]) await f.locator('.run-dock button.primary').waitFor();

  // The visible figure plays by itself; by the time its clock passes 1 s, the one below the
  // fold, which loaded as well, has not started.
  await eventually(async () => (await clockOf(top)) > 1, 'the figure on screen runs by itself (clock past 1 s)');
  assert.equal(await playing(below), false, 'the figure below the fold waits');
  assert.equal(await clockOf(below), 0, 'and its clock is still at 0 s');

  // The reader scrolls down to the second figure: it starts, the first pauses off screen.
  // The wheel over the page's margin, beside the figures (over one it would zoom its canvas).
  await page.mouse.move(960, 350);
  await page.mouse.wheel(0, 2700);
  await eventually(async () => (await clockOf(below)) > 0.5, 'the lower figure runs once scrolled into view');
  await eventually(async () => !(await playing(top)), 'the upper figure pauses once it has left the screen');
  const paused = await clockOf(top);
  await shot(page, 'embed-lazy-below');

  // Back up: the first plays on from where it paused; the second pauses.
  await page.mouse.wheel(0, -2700);
  await eventually(async () => (await playing(top)) && (await clockOf(top)) > paused, 'the upper figure plays on when back on screen');
  await eventually(async () => !(await playing(below)), 'the lower figure pauses when it leaves');
  g.assertClean(assert);
  await g.context.close();
});
