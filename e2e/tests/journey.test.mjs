// The journey as a workshop participant meets it: the first visit offers the journey or a blank
// canvas; the lesson panel walks the steps; a drill is two clicks (Run, then a prediction or
// Skip: predict.test.mjs) and shows up on the charts;
// the interface switches to Korean and remembers it; a reload resumes where the user was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
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

const lessons = async () => JSON.parse(await readFile(new URL('../../static/lessons.json', import.meta.url), 'utf8'));

test('first visit: start the journey, walk the steps, switch to Korean, reload resumes', async () => {
  const { lessons: all } = await lessons();
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url());
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  // Keyboard first: the main choice has focus, Enter takes it.
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  const lesson = page.locator('article.lesson');
  await lesson.waitFor();
  assert.equal(await lesson.getAttribute('data-lesson'), all[0].scenario);
  assert.match(await lesson.textContent(), new RegExp(all[0].en.title));
  await shot(page, 'journey-01-step-1');

  // Next, twice: the canvas shows step 3's diagram and its lesson.
  await page.getByRole('button', { name: /Next step/ }).click();
  await page.getByRole('button', { name: /Next step/ }).click();
  await page.locator(`article.lesson[data-lesson="${all[2].scenario}"]`).waitFor();
  const doc3 = JSON.parse(await readFile(new URL(`../../static/scenarios/${all[2].scenario}.json`, import.meta.url), 'utf8'));
  assert.equal(await page.locator('svg.canvas .node').count(), doc3.nodes.length, 'the step\'s diagram is drawn');
  assert.equal(await page.locator('select.journey').inputValue(), all[2].scenario, 'the menu names the step');

  // Selecting a node shows its properties; clearing the selection brings the lesson back.
  const first = doc3.nodes.find((n) => n.kind === 'load_balancer') ?? doc3.nodes[0];
  const box = await page.locator(`svg.canvas .node[data-id="${first.id}"]`).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('aside.inspector input[name="name"]').waitFor();
  await page.keyboard.press('Escape');
  await lesson.waitFor();

  // Korean: the lesson and the interface switch, and the choice is kept.
  await page.locator('select.lang').selectOption('ko');
  await page.locator('html[lang="ko"]').waitFor();
  assert.match(await page.locator('article.lesson').textContent(), new RegExp(all[2].ko.title));
  assert.match(await page.locator('.side .tabs').textContent(), /학습/);
  await shot(page, 'journey-02-korean');

  await page.reload();
  await page.locator('article.lesson').waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'a later visit resumes, no welcome');
  assert.equal(await page.locator('article.lesson').getAttribute('data-lesson'), all[2].scenario, 'on the same step');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ko', 'still in Korean');
  g.assertClean(assert);
  await g.context.close();
});

test('a blank canvas on the first visit, and the menu opens any step', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url());
  // Escape closes the welcome without choosing; it comes back until a choice is made.
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.ok((await page.locator('svg.canvas .node').count()) > 0, 'the diagram behind stays');
  await page.reload();
  await page.getByRole('button', { name: 'Blank canvas' }).click();
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 0);
  assert.equal(await page.locator('article.lesson').count(), 0, 'no lesson for a blank canvas');
  await page.locator('select.journey').selectOption('09-queue-workers');
  await page.locator('article.lesson[data-lesson="09-queue-workers"]').waitFor();
  assert.ok((await page.locator('svg.canvas .node').count()) > 3);
  g.assertClean(assert);
  await g.context.close();
});

test('a lesson drill, its prediction skipped: its faults are scheduled, replayed on the charts, undoable', async () => {
  const { lessons: all } = await lessons();
  const cache = all.find((l) => l.scenario === '05-cache');
  const g = await openPage(browser, server.origin, { width: 1440, height: 900 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('article.lesson').waitFor();
  await page.locator('.run-dock select[aria-label=Speed]').selectOption('x25');
  await page.getByRole('button', { name: 'Run the drill' }).click();
  // The lesson asks for a prediction first (predict.test.mjs); skipped, the drill runs alone.
  await page.locator('article.lesson .predict button.skip').click();
  // The run starts by itself; the cache fails at the drill's first time.
  const failAt = cache.drill[0].at_s;
  const recoverAt = cache.drill[cache.drill.length - 1].at_s;
  const cacheId = cache.drill[0].node;
  await page.locator(`svg.canvas .node.down[data-id="${cacheId}"]`).waitFor({ timeout: 30_000 });
  const downAt = Number((await page.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));
  assert.ok(downAt >= failAt - 0.5, `not before ${failAt} s (seen at ${downAt} s)`);
  await until(page,
    (s) => Number(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) > s,
    recoverAt + 3,
    { timeout: 30_000 },
  );
  // The canvas redraws at 10 Hz: the recovered cache loses its mark on the next refresh.
  await page.locator(`svg.canvas .node.down[data-id="${cacheId}"]`).waitFor({ state: 'detached' });
  await shot(page, 'journey-03-drill');
  // The drill is in the document as one edit.
  await page.locator('.run-dock button.primary', { hasText: 'Pause' }).click();
  assert.equal(await page.locator('button[aria-label=Undo]').isDisabled(), false);
  g.assertClean(assert);
  await g.context.close();
});

test('words a learner understands: terms show their definition on hover and on focus, About says what the journey follows, the seed says what it does', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('svg.canvas .node').first().waitFor();
  const lesson = page.locator('article.lesson');
  await lesson.waitFor();
  assert.doesNotMatch(await lesson.innerText(), /\bseed\b/i, 'the lesson names its source as the notes');
  // A term's definition is drawn by the stylesheet beneath it, on hover and on keyboard focus.
  const term = lesson.locator('.term').first();
  const def = await term.getAttribute('data-def');
  assert.ok(def && def.length > 20, `a definition: ${def}`);
  const shown = () => term.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.equal(await shown(), 'none', 'hidden until asked for');
  await term.hover();
  await eventually(async () => (await shown()) === JSON.stringify(def), 'the definition shows on hover');
  await shot(page, 'journey-05-term-hover');
  await page.mouse.move(5, 5);
  await eventually(async () => (await shown()) === 'none', 'and goes away when the pointer leaves');
  await term.focus();
  await eventually(async () => (await shown()) === JSON.stringify(def), 'the definition shows on keyboard focus');
  assert.equal(await term.getAttribute('aria-description'), def, 'and is read by screen readers');
  // The random seed explains itself.
  assert.match(await page.locator('.run-dock label.seed').getAttribute('title'), /same seed gives the same run/);
  // About, from the header: what the journey follows, what it models and simplifies, the licence.
  await page.getByRole('button', { name: 'About', exact: true }).click();
  const about = page.getByRole('dialog', { name: 'About Scaleboard' });
  await about.waitFor();
  const text = await about.textContent();
  for (const s of ['study notes', 'What it simplifies', 'MIT licence', 'Erlang C']) assert.ok(text.includes(s), `About says ${s}`);
  await shot(page, 'journey-06-about');
  await page.keyboard.press('Escape');
  await about.waitFor({ state: 'detached' });
  g.assertClean(assert);
  await g.context.close();
});
