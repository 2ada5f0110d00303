// The first screen, as a visitor meets it: the release build served from a sub-path, the
// single-server scenario drawn, nodes selectable with the pointer and the keyboard, a readable
// error for a scenario that does not exist, and the page working inside an iframe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, until, eventually } from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve({
    // A documentation page of another path on the same host, embedding the app in an iframe.
    '/guide.html': `<!doctype html><html><head><link rel="icon" href="data:,"><title>Guide</title></head>
      <body><p>Below, a live diagram.</p>
      <iframe id="sb" title="Scaleboard" src="/docs/scaleboard/?scenario=01-single-server" width="900" height="520"></iframe>
      </body></html>`,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the single-server diagram is drawn from the built-in scenario', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url());
  await page.locator('svg.canvas .node').first().waitFor();
  assert.equal(await page.locator('h1.brand').textContent(), 'Scaleboard');
  const labels = await page.locator('svg.canvas .node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(labels.some((l) => l.startsWith('Users:')), `a Users node, got ${labels}`);
  assert.ok(labels.some((l) => l.startsWith('DNS:')), `a DNS node, got ${labels}`);
  assert.ok(labels.some((l) => l.startsWith('Web server:')), `a web server node, got ${labels}`);
  assert.ok((await page.locator('svg.canvas line.wire').count()) >= 2, 'users -> DNS -> server are wired');
  // Every node is on screen, inside the canvas.
  const canvas = await page.locator('svg.canvas').boundingBox();
  for (const box of await page.locator('svg.canvas .node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    assert.ok(box.width > 40 && box.height > 20, `node is legible: ${JSON.stringify(box)}`);
    assert.ok(box.x >= canvas.x - 1 && box.x + box.width <= canvas.x + canvas.width + 1, 'node inside the canvas');
  }
  // A first visit (nothing saved) is offered the journey or a blank canvas over the diagram.
  const welcome = page.getByRole('dialog');
  assert.match(await welcome.textContent(), /Start the journey/);
  assert.match(await welcome.textContent(), /Blank canvas/);
  await shot(page, '01-first-screen');
  g.assertClean(assert);
  await g.context.close();
});

test('a node is selected with a real click, and with Tab then Enter; Escape clears it', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  const web = page.locator('svg.canvas .node[aria-label^="Web server:"]');
  await web.waitFor();
  const box = await web.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.node.selected[aria-label^="Web server:"]').waitFor();
  const inspector = page.locator('aside.inspector');
  assert.match(await inspector.textContent(), /Web server/);
  assert.match(await inspector.textContent(), /Workers/, 'the inspector lists the parameters');
  assert.ok(await inspector.locator('input[name=workers]').isVisible(), 'and lets them be edited');
  await shot(page, '02-node-selected');

  await page.keyboard.press('Escape');
  await until(page, () => !document.querySelector('.node.selected'));

  // Keyboard only: Tab moves focus through the palette, the canvas, then the nodes in document
  // order; Enter selects.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  let focused = '';
  for (let i = 0; i < 30 && !focused.startsWith('DNS:'); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') || '');
  }
  assert.ok(focused.startsWith('DNS:'), `Tab reaches the DNS node, focus is on "${focused}"`);
  await page.keyboard.press('Enter');
  await page.locator('.node.selected[aria-label^="DNS:"]').waitFor();
  assert.match(await inspector.textContent(), /DNS/);
  g.assertClean(assert);
  await g.context.close();
});

test('an unknown scenario shows a readable message, not a blank page', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=no-such-thing'));
  const alert = page.locator('[role=alert]');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /no-such-thing/);
  assert.match(text, /01-single-server/, 'the message names the scenarios that exist');
  await shot(page, '03-unknown-scenario');
  g.assertClean(assert);
  await g.context.close();
});

test('the app runs inside an iframe of a page on another path', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(`${server.origin}/guide.html`);
  const frame = page.frameLocator('#sb');
  await frame.locator('svg.canvas .node').first().waitFor();
  assert.ok((await frame.locator('svg.canvas .node').count()) >= 3);
  await shot(page, '04-in-iframe');
  g.assertClean(assert);
  await g.context.close();
});

test('the page is locked to its own origin by its Content-Security-Policy', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url());
  await page.locator('svg.canvas .node').first().waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/, 'the loader is allowed by hash');
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|inline-script-hashes/);
  // The policy is enforced: a fetch to another host is refused by the browser itself.
  const outcome = await page.evaluate(() =>
    fetch('http://127.0.0.2:9/').then(() => 'reached', (e) => `refused: ${e.message}`),
  );
  assert.match(outcome, /^refused/);
  // That refusal is expected here; take it back out of the collected problems.
  const rest = g.problems.filter((p) => !p.includes('127.0.0.2'));
  assert.deepEqual(rest, []);
  await g.context.close();
});
