// Defences edited as a person edits them (issue 16): with real pointer clicks and typing, select
// a wire between a web server and its database, give it a call policy and a circuit breaker,
// type a value the model refuses and see its message while the document stays as it was, undo,
// and give the load balancer a rate limit. Every change is read back from the autosaved
// document, not from the fields. Screenshots of the wire panel and the node panel, English and
// Korean, at 1024x768 and 1280x800, land in e2e/screenshots/resilience-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, until, eventually } from '../lib/harness.mjs';

const DOC_KEY = 'scaleboard.autosave.doc';
const WIRE = 'svg.canvas line.wire[data-from="web-1"][data-to="db"]';

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

/** The autosaved working copy, as the app wrote it to local storage. */
async function saved(page) {
  const json = await page.evaluate((k) => localStorage.getItem(k), DOC_KEY);
  return json ? JSON.parse(json) : null;
}

/** Waits until the autosaved document satisfies `pred`, then returns it. */
function savedWhen(page, pred, what) {
  return eventually(async () => {
    const doc = await saved(page);
    return doc && pred(doc) ? doc : null;
  }, `autosave shows ${what}`);
}

const wireOf = (doc) => doc.wires.find((w) => w.from === 'web-1' && w.to === 'db');

/** A real click at the middle of the wire web-1 -> db (where it is easiest to hit). */
async function clickWire(page) {
  const b = await page.locator(WIRE).boundingBox();
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  await page.locator(`${WIRE}.selected`).waitFor();
  await page.locator('aside.inspector input[name=latency_ms]').waitFor();
}

/** Types `text` into the inspector field `name` as a person does: click, select all, type, Enter. */
async function typeInto(page, name, text) {
  const input = page.locator(`aside.inspector input[name="${name}"]`);
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Scrolls the inspector so the field `name` is at its top (for a screenshot of what follows it). */
async function showFrom(page, name) {
  await page.evaluate((n) => document.querySelector(`aside.inspector input[name="${n}"]`)
    .closest('.field').scrollIntoView({ block: 'start' }), name);
}

/** What a refused budget of 150 % and burst of -5 say, in each language. */
const REFUSED = {
  en: {
    budget: 'Retry budget: must be from 0 % to 100 %, got 150 %. Not applied.',
    burst: 'Burst: must be a whole number, 1 or more, got -5. Not applied.',
  },
  ko: {
    budget: '재시도 예산: 0 % 이상 100 % 이하의 값이어야 합니다 (입력: 150 %). 적용되지 않았습니다.',
    burst: '순간 허용량 (버스트): 1 이상의 정수여야 합니다 (입력: -5). 적용되지 않았습니다.',
  },
};

/** Waits until the inspector shows the refusal `said`, wholly inside the panel. */
async function refusal(page, said, where) {
  const error = page.locator('aside.inspector .field.invalid .error');
  await eventually(async () => (await error.count()) === 1 && (await error.innerText()).trim() === said,
    `${where}: the refusal "${said}"`);
  const out = await error.evaluate((e) => e.getBoundingClientRect().right
    > document.querySelector('aside.inspector').getBoundingClientRect().right + 1);
  assert.equal(out, false, `${where}: the refusal fits in the panel`);
}

async function tick(page, name) {
  await page.locator(`aside.inspector input[name="${name}"]`).click();
}

test('a wire gets a call policy and a breaker, a refused value never enters the document, undo, and a node a rate limit', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=03-load-balancer'));
  await page.locator('svg.canvas[data-sized] .node').first().waitFor();

  await clickWire(page);
  const panel = await page.locator('aside.inspector').innerText();
  assert.match(panel, /Connection/);
  assert.match(panel, /Web 1 → Database|Web 1 → /, `the wire is named by its ends: ${panel}`);

  // A call policy: ticked on, then its timeout and retries typed.
  await tick(page, 'on:policy');
  await page.locator('aside.inspector input[name="policy.timeout_ms"]').waitFor();
  await typeInto(page, 'policy.timeout_ms', '250');
  await typeInto(page, 'policy.retries', '3');
  await typeInto(page, 'policy.budget', '10');
  let doc = await savedWhen(page, (d) => wireOf(d)?.policy?.retries === 3 && wireOf(d)?.policy?.budget === 0.1,
    'the policy with 3 retries and a 10 % budget');
  assert.equal(wireOf(doc).policy.timeout_ms, 250);

  // A breaker, opening after 8 failed calls.
  await tick(page, 'on:breaker');
  await page.locator('aside.inspector input[name="breaker.failures"]').waitFor();
  await typeInto(page, 'breaker.failures', '8');
  doc = await savedWhen(page, (d) => wireOf(d)?.breaker?.failures === 8, 'a breaker opening after 8 failures');
  const before = JSON.stringify(doc);

  // A latency the model refuses (over a minute): its message is shown, the document keeps its value.
  await typeInto(page, 'latency_ms', '70000');
  const bad = page.locator('aside.inspector .field.invalid .error');
  await bad.waitFor();
  const why = await bad.innerText();
  // The range in the field's unit, readable: what a learner needs to type a good one.
  assert.equal(why.trim(), 'Latency, one way: must be from 0 ms to 60,000 ms, got 70,000 ms. Not applied.');
  assert.equal(await page.locator('aside.inspector input[name=latency_ms]').getAttribute('aria-invalid'), 'true');
  await shot(page, 'resilience-wire-refused-1280');
  assert.equal(JSON.stringify(await saved(page)), before, 'the refused value never entered the document');

  // Undo takes the last edit back (the breaker's 8 failures: it starts at 5).
  await page.locator('button[aria-label=Undo]').click();
  await savedWhen(page, (d) => wireOf(d)?.breaker?.failures === 5, 'the breaker back at its starting 5 failures');

  // A node's rate limit: the load balancer, clicked on the canvas.
  const lb = page.locator('svg.canvas .node[data-id="lb"]');
  const box = await lb.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('svg.canvas .node[data-id="lb"].selected').waitFor();
  await tick(page, 'on:rate_limit');
  await page.locator('aside.inspector input[name="rate_limit.rate_rps"]').waitFor();
  await typeInto(page, 'rate_limit.rate_rps', '80');
  await typeInto(page, 'rate_limit.burst', '15');
  doc = await savedWhen(page, (d) => d.nodes.find((n) => n.id === 'lb')?.rate_limit?.burst === 15,
    'the load balancer limited to 80 req/s with a burst of 15');
  assert.equal(doc.nodes.find((n) => n.id === 'lb').rate_limit.rate_rps, 80);
  const units = await page.locator('aside.inspector').innerText();
  assert.match(units, /req\/s/);
  g.assertClean(assert);
  await g.context.close();
});

test('the wire and node panels fit at 1024x768 and 1280x800, in English and Korean', async () => {
  for (const [lang, query] of [['en', ''], ['ko', '&lang=ko']]) {
    for (const [w, h] of [[1024, 768], [1280, 800]]) {
      const g = await openPage(browser, server.origin, { width: w, height: h });
      const { page } = g;
      await page.goto(server.url(`?scenario=03-load-balancer${query}`));
      await page.locator('svg.canvas[data-sized] .node').first().waitFor();
      await clickWire(page);
      await tick(page, 'on:policy');
      await tick(page, 'on:breaker');
      await page.locator('aside.inspector input[name="breaker.probes"]').waitFor();
      // Every field's label, value and unit are inside the panel: nothing cut off to the right.
      const clipped = await page.evaluate(() => {
        const panel = document.querySelector('aside.inspector').getBoundingClientRect();
        return [...document.querySelectorAll('aside.inspector .field :is(label, input, select, .unit)')]
          .filter((e) => e.getBoundingClientRect().right > panel.right + 1)
          .map((e) => e.textContent || e.getAttribute('name'));
      });
      assert.deepEqual(clipped, [], `${lang} ${w}x${h}: fields inside the panel`);
      // A refused value's message, in the page's language and the field's unit, in the picture.
      await typeInto(page, 'policy.budget', '150');
      await refusal(page, REFUSED[lang].budget, `${lang} ${w}x${h}`);
      // From the backoff down: the budget and its whole message in the picture at 1024x768.
      await showFrom(page, 'policy.backoff_ms');
      await shot(page, `resilience-wire-${lang}-${w}`);
      const lb = await page.locator('svg.canvas .node[data-id="lb"]').boundingBox();
      await page.mouse.click(lb.x + lb.width / 2, lb.y + lb.height / 2);
      await tick(page, 'on:rate_limit');
      await page.locator('aside.inspector input[name="rate_limit.burst"]').waitFor();
      await typeInto(page, 'rate_limit.burst', '-5');
      await refusal(page, REFUSED[lang].burst, `${lang} ${w}x${h}`);
      await showFrom(page, 'on:rate_limit');
      await shot(page, `resilience-node-${lang}-${w}`);
      await until(page, () => document.querySelector('aside.inspector .field .unit'), undefined,
        { what: 'units beside the values' });
      g.assertClean(assert);
      await g.context.close();
    }
  }
});

const clockOf = (page) => page.locator('[data-metric=clock]').textContent()
  .then((t) => Number(t.replace(/[^0-9.]/g, '')));

/**
 * Lesson 12b's drill (the cache fails at 20 s, returns at 35 s), paused mid-outage at about
 * 25 s, with the wire web-1 -> db selected.
 */
async function midOutage(page, query) {
  await page.goto(server.url(`?scenario=12b-retry-budget${query}`));
  await page.locator('article.lesson').waitFor();
  await page.locator('.run-dock select:is([aria-label=Speed], [aria-label="속도"])').selectOption('x10');
  await page.locator('article.lesson button', { hasText: /Run the drill|훈련/ }).first().click();
  await page.locator('article.lesson .predict button.skip').click();
  await eventually(async () => (await clockOf(page)) >= 24, 'the run reaches 24 s, mid-outage', { timeout: 90_000 });
  await page.locator('.run-dock button.primary').click(); // Pause
  await clickWire(page);
}

test('mid-outage, the selected wire says what the run does on it, and its dock refuses no-ops', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await midOutage(page, '');
  const run = page.locator('aside.inspector section.wire-run');
  await run.waitFor();
  const said = await run.innerText();
  // The cache is down: web-1 calls the database, retries within its budget, and its breaker
  // is in some state; every count is grouped like the rest of the app.
  assert.match(said, /This run/);
  assert.match(said, /Calls [\d,]+ \([\d.k]+\/s now\)/, said);
  assert.match(said, /retries [\d,]+ \([\d.]+ % of calls\)/, said);
  assert.match(said, /retries the budget refused [\d,]+/, said);
  assert.match(said, /breaker: (closed|open|half-open)/, said);
  const calls = Number(said.match(/Calls ([\d,]+)/)[1].replace(/,/g, ''));
  assert.ok(calls > 1000, `thousands of calls in 24 s: ${said}`);

  // The dock's wire buttons: Restore has nothing to restore on an uncut, undelayed wire.
  const dock = page.locator('fieldset.wire-faults');
  const button = (name) => dock.getByRole('button', { name, exact: true });
  assert.equal(await button('Restore').isDisabled(), true);
  assert.match(await button('Restore').getAttribute('title'), /nothing to restore/);
  await button('Cut').click();
  await until(page, () => document.querySelector('fieldset.wire-faults button[title]')?.textContent === 'Cut',
    undefined, { what: 'Cut disabled, with its reason, once the wire is cut' });
  assert.equal(await button('Cut').isDisabled(), true);
  assert.equal(await button('Restore').isDisabled(), false);
  await page.locator('svg.canvas line.wire.cut[data-from="web-1"][data-to="db"]').waitFor();
  // A delay out of range, said in the dock's words; the document keeps only the cut.
  const before = JSON.stringify((await saved(page))?.faults ?? null);
  const delay = dock.locator('input[name=wire-delay]');
  await delay.fill('999999');
  await button('Add delay').click();
  const notice = page.locator('.run-dock .notice.bad');
  await notice.waitFor();
  assert.equal(await notice.innerText(), 'Delay: 0 to 60,000 ms, got 999,999');
  assert.equal(JSON.stringify((await saved(page))?.faults ?? null), before, 'nothing recorded');
  g.assertClean(assert);
  await g.context.close();
});

test('mid-outage screenshots of lesson 12b at 1024x768 and 1280x800, in English and Korean', async () => {
  for (const [lang, query] of [['en', ''], ['ko', '&lang=ko']]) {
    for (const [w, h] of [[1024, 768], [1280, 800]]) {
      const g = await openPage(browser, server.origin, { width: w, height: h });
      const { page } = g;
      await midOutage(page, query);
      await page.locator('aside.inspector section.wire-run').waitFor();
      // The three web -> db wires carry their defences' mark: 3 retries, a 10 % budget, a breaker.
      await until(page, () => document.querySelectorAll('svg.canvas .wire-marks .policy-mark').length === 3,
        undefined, { what: 'three defence marks' });
      const mark = await page.locator('svg.canvas .wire-marks[data-from="web-2"] .policy-mark').textContent();
      assert.match(mark, /^↻3 ≤10%/, mark);
      await shot(page, `resilience-12b-outage-${lang}-${w}`);
      g.assertClean(assert);
      await g.context.close();
    }
  }
});
