// Replay: a run can be scrubbed back and forth on the timeline (the canvas and the numbers show
// that moment), its faults moved by dragging their markers, run again from a moment with the
// design as it is now, and a moment bookmarked as a link (`?t=`).
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

/** Simulated seconds on the dock's clock. */
const clock = () => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, ''));

/** Waits until the dock's clock reads `s` simulated seconds exactly. */
const clockAt = (page, s) =>
  until(page, (want) => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) === want,
    s, { what: `the clock reads ${s} s` });

/** Whether the canvas draws node `id` as down. */
const drawnDown = (id) => document.querySelector(`svg.canvas .node[data-id="${id}"]`)?.classList.contains('down');

test('a bookmarked moment opens the run there, paused', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&t=12'));
  await clockAt(page, 12);
  assert.ok(await page.getByRole('button', { name: 'Play', exact: true }).isVisible(), 'paused: the button offers Play');
  await until(page, () => document.querySelector('[data-metric=replay-at]')?.textContent === '12.0 s of 12.0 s',
    undefined, { what: 'the timeline shows the run now, at 12 s' });
  assert.equal(await page.locator('.timeline .live-badge').textContent(), 'live');
  g.assertClean(assert);
  await g.context.close();
});

test('a moment that is not a time is said, and the run starts at 0 s', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&t=soon'));
  const notice = page.locator('.run-dock .notice.bad');
  await notice.waitFor();
  assert.match(await notice.textContent(), /t=soon is not a time/);
  // The design is there and runs.
  assert.equal(await page.locator('svg.canvas .node').count(), 12);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await clockAt(page, 1);
  g.assertClean(assert);
  await g.context.close();
});

test('scrubbing back shows the canvas and numbers of that moment; a marker drags; a run restarts from a moment', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&t=10'));
  await clockAt(page, 10);
  // Fail the cache at 10 s, then five more seconds.
  await page.locator('svg.canvas .node[data-id="cache"]').click();
  await page.getByRole('button', { name: 'Fail', exact: true }).click();
  await until(page, drawnDown, 'cache', { what: 'the canvas draws the failed cache as down' });
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await clockAt(page, 15);
  await until(page, (id) => document.querySelector(`.node-table tr[data-node="${id}"] td[data-col=state]`)?.textContent === 'down',
    'cache', { what: 'the table says the cache is down' });
  const p99Now = await page.locator('[data-metric=p99]').textContent();

  // Back to 5 s with the keyboard: Home, then five steps of one window.
  const slider = page.getByRole('slider', { name: 'Moment of the run shown' });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await until(page, () => document.querySelector('[data-metric=replay-at]')?.textContent === '5.0 s of 15.0 s',
    undefined, { what: 'the timeline is at 5 s' });
  await until(page, (id) => document.querySelector(`svg.canvas .node[data-id="${id}"]`)?.classList.contains('down') === false,
    'cache', { what: 'at 5 s the canvas draws the cache up' });
  await until(page, (id) => document.querySelector(`.node-table tr[data-node="${id}"] td[data-col=state]`)?.textContent === 'up',
    'cache', { what: 'at 5 s the table says the cache is up' });
  const p99Then = await page.locator('[data-metric=p99]').textContent();
  assert.notEqual(p99Then, p99Now, `the numbers are those of 5 s (${p99Then}), not of now (${p99Now})`);
  assert.equal(await page.evaluate(clock), 15, 'scrubbing does not move the run');
  await shot(page, 'replay-01-scrubbed-back');

  // Back to now: the cache is down again.
  await page.getByRole('button', { name: 'Back to now' }).click();
  await until(page, drawnDown, 'cache', { what: 'back to now, the cache is down again' });

  // The injected failure is in the document: its marker drags to a later time (one undo).
  const marker = page.locator('.timeline .marker.movable').first();
  await until(page, () => document.querySelector('.timeline .marker.movable')?.dataset.at === '10.0', undefined,
    { what: 'the failure\'s marker sits at 10 s' });
  const strip = await page.locator('.timeline .strip').boundingBox();
  const m = await marker.locator('circle').boundingBox();
  await page.mouse.move(m.x + m.width / 2, m.y + m.height / 2);
  await page.mouse.down();
  await page.mouse.move(strip.x + strip.width * (12 / 15), m.y + m.height / 2, { steps: 6 });
  await page.mouse.up();
  await until(page, () => document.querySelector('.timeline .marker.movable')?.dataset.at === '12.0', undefined,
    { what: 'the failure moved to 12 s' });
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await until(page, () => document.querySelector('.timeline .marker.movable')?.dataset.at === '10.0', undefined,
    { what: 'one undo puts it back at 10 s' });

  // Scrubbed back to 3 s, Fail adds the failure to the design at 3 s (on the timeline), not to
  // the run now.
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: 'Fail', exact: true }).click();
  await until(page, () => [...document.querySelectorAll('.timeline .marker.movable')].some((m) => m.dataset.at === '3.0'),
    undefined, { what: 'a failure marker at 3 s' });
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await until(page, () => ![...document.querySelectorAll('.timeline .marker.movable')].some((m) => m.dataset.at === '3.0'),
    undefined, { what: 'one undo takes it off again' });

  // Run from 8 s with the design as it is: the run restarts, reaches 8 s at once and plays on.
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('button', { name: 'Run from here' }).click();
  await until(page, () => document.querySelector('.timeline .live-badge') !== null, undefined,
    { what: 'after Run from here the timeline is live' });
  await until(page, () => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= 8,
    undefined, { what: 'the run went to 8 s' });
  assert.ok(await page.getByRole('button', { name: 'Pause', exact: true }).isVisible(), 'and plays on');
  g.assertClean(assert);
  await g.context.close();
});

test('a link to a moment opens that moment', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=03-load-balancer&t=6'));
  await clockAt(page, 6);
  const slider = page.getByRole('slider', { name: 'Moment of the run shown' });
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await until(page, () => document.querySelector('[data-metric=replay-at]')?.textContent === '4.0 s of 6.0 s',
    undefined, { what: 'the timeline is at 4 s' });
  await page.getByRole('button', { name: 'Link to this moment' }).click();
  const link = await page.locator('.run-dock input.copy').inputValue();
  assert.match(link, /\?t=4#s=/, link);
  const g2 = await openPage(browser, server.origin);
  await g2.page.goto(link);
  await clockAt(g2.page, 4);
  assert.equal(await g2.page.locator('svg.canvas .node').count(), await page.locator('svg.canvas .node').count());
  g.assertClean(assert);
  g2.assertClean(assert);
  await g.context.close();
  await g2.context.close();
});
