// The flat embed pages (embed-<name>.html, written by scripts/embed-pages.mjs at build time):
// without JavaScript a reader sees the scenario's figure (figures/<name>.svg, drawn by
// `scaleboard render`) with its caption and a line saying the live version needs JavaScript;
// with JavaScript the same page is the live embed of that scenario, and the query still wins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, eventually } from '../lib/harness.mjs';

let server;
let browser;
/** Host pages added by the tests, served beside the app. */
const extra = {};

before(async () => {
  server = await serve(extra);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The ids of the nodes the live canvas draws, sorted. */
const nodeIds = async (page) => (await page.locator('svg.canvas .node').evaluateAll((ns) => ns.map((n) => n.dataset.id))).sort();

test('without JavaScript, embed-05-cache.html shows the figure with its caption', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 }, { javaScriptEnabled: false });
  const { page } = g;
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.url('embed-05-cache.html'));
  const img = page.locator('figure.static-figure img');
  await img.waitFor();
  assert.equal(await img.getAttribute('src'), 'figures/05-cache.svg');
  assert.match(await img.getAttribute('alt'), /^Cache: /);
  // The figure really loaded: an SVG of the size the page announces.
  await eventually(
    async () => (await img.evaluate((i) => i.complete && i.naturalWidth)) > 0,
    'the figure image loads (naturalWidth > 0)',
  );
  const [natural, announced] = await img.evaluate((i) => [i.naturalWidth, Number(i.getAttribute('width'))]);
  assert.equal(natural, announced, 'the img width is the SVG\'s own');
  const caption = await page.locator('figure.static-figure figcaption').textContent();
  assert.match(caption, /Cache\./, caption);
  assert.match(caption, /Simulated for 60 s with seed \d+\./, caption);
  assert.match(await page.locator('.static-note').textContent(), /needs JavaScript/);
  assert.equal(await page.locator('svg.canvas').count(), 0, 'no app without JavaScript');
  // The figure itself is the one `scaleboard render` draws for 05-cache: its title names it.
  const svg = await (await page.request.get(server.url('figures/05-cache.svg'))).text();
  assert.match(svg, /<title>Cache: 60 s of simulated time with seed \d+, drawn by scaleboard render<\/title>/);
  // A reader without JavaScript is not sent the app: no preload of its module or wasm.
  assert.deepEqual(fetched.filter((p) => /\.(wasm|js)$/.test(p)), [], 'no script or wasm fetched');
  await shot(page, 'embed-static-nojs');
  g.assertClean(assert);
  await g.context.close();
});

test('with JavaScript, embed-05-cache.html is the live embed of 05-cache and shows no figure', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  await page.goto(server.url('embed-05-cache.html'));
  await page.locator('svg.canvas .node').first().waitFor();
  await eventually(
    async () => (await nodeIds(page)).join() === ['cache', 'db', 'db-r1', 'db-r2', 'db-r3', 'dns', 'lb', 'users', 'web-1', 'web-2', 'web-3', 'web-4'].join(),
    'the canvas draws the twelve nodes of 05-cache',
  );
  // Embed mode, from the page's <meta>, with no query at all.
  assert.equal(await page.locator('a.open-full').count(), 1, 'the embed\'s way out to the full app');
  assert.equal(await page.locator('.palette').count(), 0, 'no palette in an embed');
  assert.equal(await page.locator('figure.static-figure img:visible').count(), 0, 'no static figure');
  assert.equal(await page.locator('text=needs JavaScript').count(), 0, 'no noscript text');
  await shot(page, 'embed-static-live');
  g.assertClean(assert);
  await g.context.close();
});

test('a query on an embed page still wins over the page\'s scenario', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  await page.goto(server.url('embed-05-cache.html?scenario=02-web-and-db'));
  await eventually(
    async () => (await nodeIds(page)).join() === ['db', 'dns', 'users', 'web'].join(),
    'the canvas draws 02-web-and-db, as the query asks',
  );
  assert.equal(await page.locator('a.open-full').count(), 1, 'still an embed');
  g.assertClean(assert);
  await g.context.close();
});

test('every built-in scenario has its embed page and figure', async () => {
  const index = await (await fetch(server.url('embed-05-cache.html'))).text();
  assert.match(index, /<meta name="scaleboard-embed" content="05-cache" \/>/);
  for (const name of ['01-single-server', '07b-stateful', '11-millions']) {
    const page = await fetch(server.url(`embed-${name}.html`));
    assert.equal(page.status, 200, `embed-${name}.html`);
    assert.match(await page.text(), new RegExp(`src="figures/${name}.svg"`));
    const fig = await fetch(server.url(`figures/${name}.svg`));
    assert.equal(fig.status, 200, `figures/${name}.svg`);
    assert.match(await fig.text(), /^<svg /);
  }
});

test('Copy embed code on an unchanged built-in gives its embed page, which a documentation page can frame', async () => {
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const snippet = await page.locator('.banner input.copy').inputValue();
  assert.match(snippet, /^<iframe src="http[^"]+\/embed-05-cache\.html" title="Scaleboard: Cache" width="900" height="520"><\/iframe>$/);
  extra['/docs-page.html'] = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Docs</title></head>
    <body><h1>Why a cache</h1>${snippet.replace('<iframe ', '<iframe id="fig" ')}</body></html>`;
  await page.goto(`${server.origin}/docs-page.html`);
  const frame = page.frameLocator('#fig');
  await frame.locator('svg.canvas .node').first().waitFor();
  await eventually(async () => (await frame.locator('svg.canvas .node').count()) === 12, 'the framed page draws the 12 nodes of 05-cache');
  assert.equal(await frame.locator('nav.file').count(), 0, 'in embed mode: no file bar');
  await g.assertClean(assert);
});
