// Theory beside the run: select a serving node while a run plays and the inspector shows what
// queueing theory predicts beside what the run measured, the model named (Erlang C for a node
// fed Poisson with exponential service, Allen-Cunneen behind a round-robin balancer), in a
// block that fits the narrow inspector, in English and Korean. Screenshots of each case go to
// e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, until } from '../lib/harness.mjs';

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

async function runUntil(page, secs) {
  await until(page,
    (s) => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= s,
    secs,
    { timeout: 90_000, what: `the simulated clock reaches ${secs} s` },
  );
}

async function clickNode(page, id) {
  const box = await page.locator(`svg.canvas .node[data-id="${id}"]`).boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator(`svg.canvas .node.selected[data-id="${id}"]`).waitFor();
}

/** The theory block's rows: { util: [predicted, measured], ... } as numbers, its model and width. */
async function theory(page, id) {
  return page.evaluate((id) => {
    const block = document.querySelector(`.inspector .theory[data-theory="${id}"]`);
    if (!block) return null;
    const rows = {};
    for (const tr of block.querySelectorAll('tr[data-row]')) {
      const num = (sel) => parseFloat(tr.querySelector(sel).textContent.replace(/[^0-9.]/g, ''));
      rows[tr.dataset.row] = [num('[data-predicted]'), num('[data-measured]')];
    }
    const inspector = block.closest('.inspector');
    return {
      model: block.dataset.model,
      term: block.querySelector('.term')?.dataset.term ?? null,
      rows,
      overflow: block.scrollWidth > inspector.clientWidth,
    };
  }, id);
}

const cases = [
  // One web server fed Poisson users through DNS, exponential service: exact Erlang C.
  { scenario: '01-single-server', node: 'server', model: 'ErlangC', term: 'erlang-c' },
  // Two web servers behind a round-robin balancer: Erlang-2 gaps, Allen-Cunneen.
  { scenario: '03-load-balancer', node: 'web-1', model: 'AllenCunneen', term: 'allen-cunneen' },
];

const screens = [{ width: 1024, height: 768 }, { width: 1280, height: 800 }];
for (const [lang, viewport] of ['en', 'ko'].flatMap((l) => screens.map((v) => [l, v]))) {
  test(`theory beside the run in the inspector (${lang}, ${viewport.width}x${viewport.height})`, async () => {
    const g = await openPage(browser, server.origin, viewport);
    const { page } = g;
    for (const c of cases) {
      await page.goto(server.url(`?lang=${lang}&scenario=${c.scenario}`));
      await page.locator(`svg.canvas .node[data-id="${c.node}"]`).waitFor();
      await page.locator('.run-dock select').first().selectOption('x25');
      await page.locator('.run-dock button.primary').first().click();
      await runUntil(page, 30);
      await clickNode(page, c.node);
      const t = await until(page, (id) => !!document.querySelector(`.inspector .theory[data-theory="${id}"] tr[data-row=util]`), c.node,
        { what: `the theory block for ${c.node}` }).then(() => theory(page, c.node));
      assert.equal(t.model, c.model, `${c.scenario}: ${JSON.stringify(t)}`);
      assert.equal(t.term, c.term, 'the model is linked to the glossary');
      // Utilisation predicted from the measured rate vs measured: within 3 points.
      const [pu, mu] = t.rows.util;
      assert.ok(pu > 0 && Math.abs(pu - mu) < 3, `${c.scenario}: utilisation ${pu} vs ${mu}`);
      for (const key of ['p-wait', 'wait', 'p99']) {
        assert.ok(t.rows[key].every(Number.isFinite), `${c.scenario}: ${key} has both figures: ${JSON.stringify(t.rows)}`);
      }
      assert.equal(t.overflow, false, 'the block fits the inspector');
      await page.locator(`.inspector .theory[data-theory="${c.node}"]`).scrollIntoViewIfNeeded();
      await shot(page, `theory-${c.scenario}-${lang}-${viewport.width}`);
    }
    // The load balancer of the last case only routes: its note, and no table of figures.
    await clickNode(page, 'lb');
    await until(page, () => !!document.querySelector('.inspector .theory[data-theory="lb"] [data-note]'), null,
      { what: 'the routing-only note for the load balancer' });
    assert.equal(await page.locator('.inspector .theory[data-theory="lb"] tr[data-row]').count(), 0);
    await shot(page, `theory-lb-${lang}-${viewport.width}`);
    g.assertClean(assert);
    await g.context.close();
  });
}
