// Comparing two designs on the same traffic: opened by URL, by a comparison link, or from a
// lesson; one clock for both; a failure injected into both; the table of A, B and B - A.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, until, shot } from '../lib/harness.mjs';

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

/** Waits until the shared clock reads `s` simulated seconds. */
const clockAt = (page, s) =>
  until(page, (want) => Number(document.querySelector('.compare [data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) === want,
    s, { what: `the comparison's clock reads ${s} s` });

/** Presses Step `n` times, each after the last one's frame came back. */
async function steps(page, n, from) {
  for (let i = 1; i <= n; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await clockAt(page, from + i);
  }
}

/** The delta table's row `key` as [label, A, B, B - A]. */
const row = (page, key) =>
  page.locator(`.delta-table tr[data-row="${key}"]`).evaluate((tr) => [...tr.children].map((c) => c.textContent));

test('a comparison by URL runs both on one clock, fails the cache in both, and tells B - A', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&compare=06-cdn'));
  await page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.match(await page.locator('.compare .scenario-title').textContent(), /A: Cache.*B: CDN/);
  assert.match(await page.locator('.compare .traffic-note').textContent(), /Same traffic/);
  await steps(page, 5, 0);

  // Select the cache on side A: both designs have it, so the failure goes to both.
  await page.locator('.compare-side[data-side=A] svg.canvas .node[data-id="cache"]').click();
  await until(page, () => /Inject into A and B: Cache/.test(document.querySelector('.compare .faults legend')?.textContent ?? ''),
    undefined, { what: 'the injection targets the cache in A and B' });
  await page.getByRole('button', { name: 'Fail', exact: true }).click();
  for (const side of ['A', 'B']) {
    await until(page, (s) => document.querySelector(`.compare-side[data-side=${s}] svg.canvas .node[data-id="cache"]`)?.classList.contains('down'),
      side, { what: `side ${side} draws its cache down` });
  }
  await steps(page, 10, 5);

  // The table: B - A is the difference of the two columns, and the sentence sums it up.
  const [, a99, b99, d99] = await row(page, 'p99');
  // "163 ms", "2.54 s": shown to three digits, so the columns' difference is within a unit of
  // their last digit of B - A (which is worked out from the unrounded figures).
  const ms = (s) => Number(s.replace(/[^0-9.\-]/g, '')) * (/\d\s*s$/.test(s.trim()) ? 1000 : 1);
  const unit = (s) => (/\d\s*s$/.test(s.trim()) ? 10 : 1);
  assert.ok(Math.abs(ms(b99) - ms(a99) - ms(d99)) <= unit(a99) + unit(b99), `p99: ${b99} - ${a99} = ${d99}`);
  const [, aCost, bCost, dCost] = await row(page, 'cost');
  const usd = (s) => Number(s.replace(/[^0-9]/g, ''));
  assert.ok(usd(bCost) > usd(aCost), `the CDN costs more: ${aCost} -> ${bCost}`);
  assert.equal(dCost, `+$${usd(bCost) - usd(aCost)}`, `B - A of ${aCost} and ${bCost}`);
  const verdict = await page.locator('[data-metric=verdict]').textContent();
  assert.ok(verdict.startsWith(`B: p99 `) && verdict.includes(`, +$${usd(bCost) - usd(aCost)}/month`), verdict);
  // The charts drew (a canvas with pixels other than the background).
  const inked = await page.locator('.compare-charts canvas').first().evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return colours.size;
  });
  assert.ok(inked > 3, `the latency chart is drawn (${inked} colours sampled)`);
  await shot(page, 'compare-01-cache-failed-in-both');

  // Scrub back to 3 s, before the failure: both canvases and the table show that moment.
  const slider = page.getByRole('slider', { name: 'Moment of the run shown' });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  for (const side of ['A', 'B']) {
    await until(page, (s) => document.querySelector(`.compare-side[data-side=${s}] svg.canvas .node[data-id="cache"]`)?.classList.contains('down') === false,
      side, { what: `at 3 s side ${side} draws its cache up` });
  }
  await until(page, (was) => document.querySelector('.delta-table tr[data-row="p99"] td')?.textContent !== was,
    a99, { what: 'the table shows the p99 of 3 s, not of now' });
  const [, a99then] = await row(page, 'p99');
  assert.ok(ms(a99then) < ms(a99) / 2, `before the failure p99 was lower: ${a99then} vs ${a99}`);
  await page.getByRole('button', { name: 'Back to now' }).click();
  await until(page, () => document.querySelector('.compare-side[data-side=A] svg.canvas .node[data-id="cache"]')?.classList.contains('down'),
    undefined, { what: 'back to now, the cache is down again' });
  g.assertClean(assert);
  await g.context.close();
});

test('a comparison opens at a bookmarked moment, paused', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&compare=06-cdn&t=7'));
  await clockAt(page, 7);
  assert.ok(await page.getByRole('button', { name: 'Play', exact: true }).isVisible(), 'paused');
  await until(page, () => document.querySelector('[data-metric=verdict]') !== null, undefined,
    { what: 'the table of both runs at 7 s' });
  g.assertClean(assert);
  await g.context.close();
});

test('a comparison link carries both designs; a lesson offers the previous step', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.getByRole('tab', { name: 'Lesson' }).click().catch(() => {});
  const link = page.getByRole('link', { name: 'Compare with the previous step' });
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /scenario=04-replication&compare=05-cache/);
  await link.click();
  await page.locator('.compare-side[data-side=A]').waitFor();
  assert.match(await page.locator('.compare .scenario-title').textContent(), /A: Database replication.*B: Cache/);
  assert.match(await page.locator('.compare .traffic-note').textContent(), /Different traffic/);

  await page.getByRole('button', { name: 'Copy comparison link' }).click();
  const url = await page.locator('.compare input.copy').inputValue();
  assert.match(url, /#s=[A-Za-z0-9_-]+&c=[A-Za-z0-9_-]+$/, url);
  const g2 = await openPage(browser, server.origin);
  await g2.page.goto(url);
  await g2.page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.equal(await g2.page.locator('.compare-side[data-side=B] svg.canvas .node').count(), 12, 'B has the cache step\'s 12 nodes');
  assert.equal(await g2.page.locator('.compare-side[data-side=A] svg.canvas .node').count(), 9, 'A has the replication step\'s 9');
  g.assertClean(assert);
  g2.assertClean(assert);
  await g.context.close();
  await g2.context.close();
});

test('a comparison that cannot be opened says why and opens the first design alone', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&compare=no-such-step'));
  const banner = page.locator('.banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /comparison could not be opened/);
  assert.equal(await page.locator('svg.canvas .node').count(), 12, 'the first design is open in the editor');
  assert.equal(await page.locator('.compare').count(), 0);
  await g.context.close();
});

test('compare with a copy, change B in the editor, and come back to the comparison', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('.compare-menu summary').click();
  await page.getByRole('button', { name: 'With a copy' }).click();
  await page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  await steps(page, 3, 0);
  // The same design on the same traffic: nothing differs.
  assert.equal(await page.locator('[data-metric=verdict]').textContent(), 'B: the same p99, the same cost');

  await page.getByRole('button', { name: 'Edit B' }).click();
  const notice = page.locator('[data-notice=comparison]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /design B of a comparison with Cache/);
  // Change B: one web server fewer.
  await page.locator('svg.canvas .node[data-id="web-4"]').click();
  await page.keyboard.press('Delete');
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 11, undefined,
    { what: 'B lost a web server' });
  await page.getByRole('button', { name: 'Back to the comparison' }).click();
  await page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.equal(await page.locator('.compare-side[data-side=A] svg.canvas .node').count(), 12, 'A as it was');
  assert.equal(await page.locator('.compare-side[data-side=B] svg.canvas .node').count(), 11, 'B as edited');
  g.assertClean(assert);
  await g.context.close();
});

test('compare with a file; a file that is not a scenario is said and nothing opens', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('.compare-menu summary').click();
  const input = page.locator('.compare-menu input[type=file]');
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "nodes": [') });
  const problem = page.locator('.compare-menu .notice.bad');
  await problem.waitFor();
  assert.match(await problem.textContent(), /broken\.json/);
  assert.equal(await page.locator('.compare').count(), 0, 'still the editor');
  const cdn = await import('node:fs/promises').then((fs) => fs.readFile(new URL('../../static/scenarios/06-cdn.json', import.meta.url)));
  await input.setInputFiles({ name: '06-cdn.json', mimeType: 'application/json', buffer: cdn });
  await page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.equal(await page.locator('.compare-side[data-side=B] svg.canvas .node').count(), 13);
  await g.context.close();
});

test('a design that cannot run is said in the comparison, and the other runs alone', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('.compare-menu summary').click();
  const lonely = { version: 1, name: 'Lonely', nodes: [{ id: 'users', kind: 'users', name: 'Users', x: 0, y: 0 }], wires: [] };
  await page.locator('.compare-menu input[type=file]').setInputFiles({ name: 'lonely.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lonely)) });
  const blocked = page.locator('.compare [data-blocked=B]');
  await blocked.waitFor();
  assert.match(await blocked.textContent(), /^B: This design cannot run yet: /);
  await steps(page, 2, 0);
  await until(page, () => document.querySelector('.compare-side[data-side=A] svg.canvas .node.live') !== null, undefined,
    { what: 'A runs alone: its nodes are coloured' });
  g.assertClean(assert);
  await g.context.close();
});

test('the sentence says which design survives the failure injected into both', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  // Step 7 and its stateful comparison: a crashed web server logs its users out only there.
  await page.goto(server.url('?scenario=07b-stateful&compare=07-stateless'));
  await page.locator('.compare-side[data-side=A] svg.canvas .node').first().waitFor();
  await steps(page, 2, 0);
  await page.locator('.compare-side[data-side=A] svg.canvas .node[data-id="web-2"]').click();
  await page.getByRole('button', { name: 'Fail', exact: true }).click();
  // A minute at full speed: the failover's first seconds are a small share of it.
  await page.locator('.compare select[aria-label=Speed]').selectOption('max');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await until(page, () => Number(document.querySelector('.compare [data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= 60,
    undefined, { what: 'both runs reach 60 s', timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const verdict = await page.locator('[data-metric=verdict]').textContent();
  assert.match(verdict, /survives Web 2 down$/, verdict);
  const [, aErr, bErr] = await row(page, 'errors');
  assert.ok(parseFloat(aErr) >= 1 && parseFloat(bErr) < 1, `A fails its users, B does not: ${aErr} vs ${bErr}`);
  g.assertClean(assert);
  await g.context.close();
});

test('a comparison embeds: the iframe snippet opens both designs, runnable, with a way out', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache&compare=06-cdn'));
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const code = await page.locator('.compare input.copy').inputValue();
  const src = code.match(/src="([^"]+)"/)?.[1];
  assert.match(src ?? '', /\?embed#s=[A-Za-z0-9_-]+&c=[A-Za-z0-9_-]+$/, code);
  const g2 = await openPage(browser, server.origin, { width: 960, height: 640 });
  await g2.page.goto(src);
  await g2.page.locator('.compare.embed .compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.equal(await g2.page.getByRole('button', { name: 'Edit A' }).count(), 0, 'no editing in an embed');
  assert.match(await g2.page.locator('.compare .open-full').getAttribute('href'), /#s=.*&c=/);
  await g2.page.getByRole('button', { name: 'Step', exact: true }).click();
  await clockAt(g2.page, 1);
  await shot(g2.page, 'compare-02-embedded');
  g.assertClean(assert);
  g2.assertClean(assert);
  await g.context.close();
  await g2.context.close();
});

test('compare with a journey step from the run dock', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('.compare-menu summary').click();
  await page.locator('.compare-menu select.journey-step').selectOption('08-two-data-centers');
  await page.locator('.compare-side[data-side=B] svg.canvas .node').first().waitFor();
  assert.match(await page.locator('.compare .scenario-title').textContent(), /A: Cache.*B: /);
  assert.equal(await page.locator('.compare-side[data-side=A] svg.canvas .node').count(), 12);
  g.assertClean(assert);
  await g.context.close();
});
