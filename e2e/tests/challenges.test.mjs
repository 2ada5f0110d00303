// Challenges: chosen from the header's menu, the starting design Checked (it fails, with its
// measured values), the reference solution Checked (it passes), its result link opened again
// (the values reproduce), and a damaged result link that says what is wrong and keeps the work.
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

/** Waits for the challenge's grade to show, and returns whether it passed. */
async function graded(page) {
  const grade = await until(page, () => {
    const g = document.querySelector('.challenge .grade.passed, .challenge .grade.failed');
    return g ? g.className : null;
  }, undefined, { what: 'the challenge shows a grade' });
  return (await grade.jsonValue()).includes('passed');
}

/** Notes whether a progress bar ever shows in the challenge panel from now on. */
const watchProgress = (page) => page.evaluate(() => {
  window.sawProgress = false;
  new MutationObserver(() => {
    if (document.querySelector('.challenge progress')) window.sawProgress = true;
  }).observe(document.body, { subtree: true, childList: true });
});

/** The grade's rows as { metric: [target, measured, verdict] }. */
const rows = (page) => page.locator('.challenge table.objectives-grade tbody tr').evaluateAll((trs) =>
  Object.fromEntries(trs.map((tr) => [tr.dataset.metric, ['.target', '.value', '.verdict'].map((c) => tr.querySelector(c).textContent)])));

test('a challenge from the menu: the start fails, the reference passes, and its result link reproduces', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server&lang=en'));
  await page.locator('svg.canvas .node').first().waitFor();
  await page.locator('select.challenges').selectOption('primary-loss');
  await page.locator('.challenge[data-challenge="primary-loss"]').waitFor();
  assert.equal(await page.locator('.doc-name').inputValue(), 'Challenge: lose the primary (start)');
  assert.match(await page.locator('.challenge h2').textContent(), /Lose the primary/);
  assert.match(await page.locator('.challenge ul.objectives').textContent(), /Errors ≤ 0\.5 %/);

  await watchProgress(page);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  assert.equal(await graded(page), false, 'the starting design fails');
  assert.ok(await page.evaluate(() => window.sawProgress), 'a progress bar showed while checking');
  const start = await rows(page);
  assert.deepEqual(Object.keys(start), ['error_pct', 'p99_all_ms']);
  assert.match(start.error_pct[1], /^\d+\.\d\d %$/, `a measured value: ${start.error_pct}`);
  assert.ok(Number(start.error_pct[1].replace(/[^0-9.]/g, '')) > 0.5, `errors above the target: ${start.error_pct}`);
  assert.match(start.error_pct[2], /fail/);
  assert.match(await page.locator('.challenge .grade .summary').textContent(), /Not yet: 1 of 2/);
  // What the script hit in this design, by the design's own names.
  assert.equal(await page.locator('.challenge ul.script').textContent(), '15 s: Database down');
  await shot(page, 'challenges-01-start-fails-1280');

  await page.getByRole('button', { name: 'Show the reference solution' }).click();
  await until(page, () => document.querySelector('.doc-name')?.value === 'Challenge: lose the primary (reference)',
    undefined, { what: 'the reference solution is on the canvas' });
  // The challenge goes with the working copy: coming back brings the design and its panel.
  await page.goto('about:blank');
  await page.goto(server.url('?lang=en'));
  await page.locator('.challenge[data-challenge="primary-loss"]').waitFor();
  assert.equal(await page.locator('.doc-name').inputValue(), 'Challenge: lose the primary (reference)');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  assert.equal(await graded(page), true, 'the reference passes');
  const reference = await rows(page);
  for (const [metric, [, measured, verdict]] of Object.entries(reference)) {
    assert.match(verdict, /pass/, `${metric}: ${measured}`);
  }
  await page.getByRole('button', { name: 'Copy result link' }).click();
  const link = await page.locator('.challenge input.copy').inputValue();
  assert.match(link, /#challenge=primary-loss&seed=1&v=[-0-9.e,]+&d=[A-Za-z0-9_-]+$/);
  await shot(page, 'challenges-02-reference-passes-1280');

  // Opened later, the link checks the design again, and the values are the very same.
  await page.goto('about:blank');
  await page.goto(link);
  await page.locator('.challenge[data-challenge="primary-loss"]').waitFor();
  assert.equal(await page.locator('.doc-name').inputValue(), 'Challenge: lose the primary (reference)');
  await until(page, () => document.querySelector('.challenge .linked')?.textContent,
    undefined, { what: 'the opened result link says whether it reproduces' });
  assert.equal(await page.locator('.challenge .linked').textContent(), 'The linked values reproduce exactly.');
  assert.deepEqual(await rows(page), reference);

  // The same link with one value changed says so, and shows both.
  const values = link.match(/&v=([^&]+)/)[1].split(',');
  values[0] = String(Number(values[0]) + 0.25);
  await page.goto('about:blank');
  await page.goto(link.replace(/&v=[^&]+/, `&v=${values.join(',')}`));
  await until(page, () => document.querySelector('.challenge .linked')?.textContent,
    undefined, { what: 'the changed link is checked' });
  const differs = await page.locator('.challenge .linked').textContent();
  assert.match(differs, /differ from the link's/);
  assert.ok(differs.includes(`${Number(values[0]).toFixed(2)} %`), differs);
  await shot(page, 'challenges-03-link-differs-1280');
  g.assertClean(assert);
});

test('a damaged result link says what is wrong and keeps the working copy', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=03-load-balancer&lang=en'));
  await page.locator('svg.canvas .node').first().waitFor();
  // Some work of one's own: a renamed design is the autosaved working copy.
  await page.locator('.doc-name').fill('My own design');
  await page.locator('.doc-name').press('Tab');
  await until(page, () => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes('My own design')),
    undefined, { what: 'the renamed design is autosaved' });
  for (const [hash, says] of [
    ['#challenge=primary-loss&seed=1&v=1,abc&d=xyz', /measured value 2 \("abc"\) is not a number/],
    ['#challenge=no-such-thing&seed=1&v=1&d=xyz', /there is no challenge "no-such-thing"/],
    ['#challenge=primary-loss&seed=1&v=1,2&d=%%%', /share link is damaged/],
  ]) {
    await page.goto('about:blank');
    await page.goto(server.url(hash));
    const banner = page.locator('.banner.error');
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, /This result link could not be opened/, text);
    assert.match(text, says, text);
    assert.match(text, /Your work is unchanged/, text);
    assert.equal(await page.locator('.doc-name').inputValue(), 'My own design', 'the working copy stays');
    assert.equal(await page.locator('.challenge').count(), 0, 'no challenge opened');
  }
  await shot(page, 'challenges-04-damaged-link-1280');
  g.assertClean(assert);
});

test('the challenge panel in Korean and English, at 1024x768 and 1280x800', async () => {
  for (const [lang, viewport] of [
    ['ko', { width: 1024, height: 768 }],
    ['ko', { width: 1280, height: 800 }],
    ['en', { width: 1024, height: 768 }],
  ]) {
    const g = await openPage(browser, server.origin, viewport);
    const { page } = g;
    await page.goto(server.url(`?scenario=01-single-server&lang=${lang}`));
    await page.locator('svg.canvas .node').first().waitFor();
    await page.locator('select.challenges').selectOption('cache-outage');
    await page.locator('.challenge[data-challenge="cache-outage"]').waitFor();
    if (lang === 'ko') {
      assert.match(await page.locator('.challenge h2').textContent(), /캐시 장애/);
      assert.match(await page.locator('select.challenges').textContent(), /유명인 샤드 길들이기/);
    }
    const check = lang === 'ko' ? '검사' : 'Check';
    await page.getByRole('button', { name: check, exact: true }).click();
    assert.equal(await graded(page), false);
    const header = await page.locator('header.topbar').boundingBox();
    assert.ok(header.height < 80, `the header stays compact at ${viewport.width} px: ${header.height} px`);
    await shot(page, `challenges-05-${lang}-${viewport.width}`);
    g.assertClean(assert);
    await g.context.close();
  }
});
