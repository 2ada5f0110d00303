// The engine in its worker: the app runs it there, the worker gives the same digest as the
// native engine for the same scenario and seed, and where a worker cannot start (a page whose
// Content-Security-Policy forbids workers, a script that fails to load, `?engine=page`) the
// page runs the same engine itself, says so once, and the run still plays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openPage, until, BASE, DIST } from '../lib/harness.mjs';

const ROOT = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, ROOT), 'utf8');

let server;
let browser;

before(async () => {
  // The shipped page with workers forbidden, as a strict host might serve it. Same inline
  // loader, so its hash in the policy still allows it.
  const index = await readFile(`${DIST}/index.html`, 'utf8');
  const strict = index.replace("worker-src 'self'", "worker-src 'none'");
  assert.notEqual(strict, index, "the shipped policy names worker-src 'self'");
  server = await serve({ [`${BASE}strict.html`]: strict });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Simulated seconds on the dock's clock. */
const clockIs = (s) =>
  Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= s;

/** Waits until the dock says the engine runs in `place` ('worker' or 'page'). */
const engineIn = (page, place) =>
  until(page, (p) => document.querySelector('.run-dock')?.dataset.engine === p, place,
    { what: `the dock says the engine runs in the ${place}` });

/** Plays the run with a real click and waits for 2 simulated seconds on the clock. */
async function playsOn(page) {
  await page.getByRole('button', { name: 'Play' }).click();
  await until(page, clockIs, 2, { what: 'the simulated clock reaches 2 s' });
}

test('the app runs its engine in a worker, and the run plays', async () => {
  const guard = await openPage(browser, server.origin);
  const { page } = guard;
  await page.goto(server.url('?scenario=05-cache'));
  await engineIn(page, 'worker');
  await playsOn(page);
  // Numbers come from the worker's frames: the headline p99 is a real figure.
  await until(page, () => /\d/.test(document.querySelector('[data-metric=p99]')?.textContent ?? ''),
    undefined, { what: 'the p99 tile shows a number' });
  assert.equal(await page.locator('[data-notice=engine-on-page]').count(), 0);
  guard.assertClean(assert);
  await guard.context.close();
});

test('the worker gives the native digest for the same scenario and seed', async () => {
  const guard = await openPage(browser, server.origin);
  const { page } = guard;
  await page.goto(server.url(''));
  const fixture = await read('crates/sim/tests/fixtures/determinism.json');
  const golden = (await read('crates/sim/tests/golden/determinism.txt')).trim();
  // A worker of its own, spoken to in JSON text (the app speaks postcard bytes to its own).
  const reports = await page.evaluate(async (scenario) => {
    const href = (sel) => encodeURIComponent(document.querySelector(sel).getAttribute('href'));
    const url = `engine-worker.js?module=${href('link[rel=modulepreload]')}&wasm=${href('link[rel=preload][as=fetch]')}`;
    const worker = new Worker(url, { type: 'module' });
    const texts = [];
    const done = new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error(`the worker failed: ${e.message}`));
      worker.onmessage = (e) => {
        // The first message is `Ready`, in bytes: then the commands may go.
        if (typeof e.data !== 'string') {
          worker.postMessage(JSON.stringify({ Load: { scenario_json: scenario } }));
          worker.postMessage(JSON.stringify({ RunUntil: { t_ms: 20000 } }));
          worker.postMessage(JSON.stringify('Digest'));
          return;
        }
        texts.push(JSON.parse(e.data));
        if ('Digest' in texts.at(-1)) resolve();
      };
    });
    await done;
    worker.terminate();
    return texts;
  }, fixture);
  const digest = reports.at(-1).Digest;
  assert.deepEqual(digest, { now_ms: 20000, digest: golden },
    `the worker's digest after 20 s, against crates/sim/tests/golden/determinism.txt`);
  assert.ok(reports.some((r) => r.Frame?.exists && r.Frame.now_ms === 20000),
    'a frame at 20 s came before the digest');
  guard.assertClean(assert);
  await guard.context.close();
});

/** Problems of the guard that are the forbidden or missing worker itself, which is the point. */
const aboutTheWorker = (p) => /engine-worker|worker/i.test(p);

test('a page that forbids workers runs the engine itself and says so once', async () => {
  const guard = await openPage(browser, server.origin);
  const { page } = guard;
  await page.goto(`${server.origin}${BASE}strict.html?scenario=05-cache`);
  await engineIn(page, 'page');
  const note = page.locator('[data-notice=engine-on-page]');
  assert.equal(await note.count(), 1, 'one note says why');
  assert.match(await note.textContent(), /runs on this page/);
  assert.match(await note.getAttribute("title"), /worker/, "the technical reason is on hover");
  await playsOn(page);
  await note.getByRole('button').click();
  await until(page, () => !document.querySelector('[data-notice=engine-on-page]'), undefined,
    { what: 'the note goes when put away' });
  await page.getByRole('button', { name: 'Reset' }).click();
  await playsOn(page);
  assert.equal(await note.count(), 0, 'and does not come back');
  assert.deepEqual(guard.problems.filter((p) => !aboutTheWorker(p)), []);
  await guard.context.close();
});

test('a worker script that fails to load leaves the run to the page', async () => {
  const guard = await openPage(browser, server.origin);
  const { page } = guard;
  await page.route('**/engine-worker.js?*', (route) => route.abort());
  await page.goto(server.url('?scenario=05-cache&autoplay'));
  await engineIn(page, 'page');
  // Autoplay asked before the worker failed: the run starts anyway, on the page.
  await until(page, clockIs, 2, { what: 'the simulated clock reaches 2 s' });
  assert.equal(await page.locator('[data-notice=engine-on-page]').count(), 1);
  assert.deepEqual(guard.problems.filter((p) => !aboutTheWorker(p)), []);
  await guard.context.close();
});

test('?engine=page runs the engine on the page without a note', async () => {
  const guard = await openPage(browser, server.origin);
  const { page } = guard;
  await page.goto(server.url('?scenario=05-cache&engine=page'));
  await engineIn(page, 'page');
  await playsOn(page);
  assert.equal(await page.locator('[data-notice=engine-on-page]').count(), 0);
  guard.assertClean(assert);
  await guard.context.close();
});
