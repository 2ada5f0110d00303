// The canvas editor, driven as a person drives it: real pointer input (press, move in steps,
// release) and real key presses, never synthetic events. From an empty canvas a user builds
// users -> load balancer -> 2 web servers -> database, edits a parameter, undoes and redoes,
// reloads, shares a link, opens a damaged link and embeds the diagram in a documentation page.
// The other tests cover the remaining gestures (marquee and Delete, drag and Escape, zoom, pan,
// wheel, Space+drag, touch through the DevTools protocol's touch events), the palette's click
// and Enter, copy and paste, data-center regions, the help overlay, ?theme=, and files in and
// out (Save, Open…, Export SVG and PNG). A screenshot of each step lands in
// e2e/screenshots/editor-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, shot, SHOTS, until, eventually } from '../lib/harness.mjs';

const DOC_KEY = 'scaleboard.autosave.doc';

let server;
let browser;
// Pages served at the root of the same origin, filled in by the tests (an embedding document).
const extra = {};

before(async () => {
  server = await serve(extra);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// ---- helpers -------------------------------------------------------------------------------

const centre = (b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** A real drag: press at `from`, move there in `steps` pointer moves, release. */
async function drag(page, from, to, steps = 12) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** The autosaved working copy, as the app wrote it to local storage. */
async function saved(page) {
  const json = await page.evaluate((k) => localStorage.getItem(k), DOC_KEY);
  return json ? JSON.parse(json) : null;
}

/** Waits until the autosaved document satisfies `pred`, then returns it. */
async function savedWhen(page, pred, what) {
  return eventually(async () => {
    const doc = await saved(page);
    return doc && pred(doc) ? doc : null;
  }, `autosave shows ${what}`);
}

const nodeById = (page, id) => page.locator(`svg.canvas .node[data-id="${id}"]`);
const nodeByLabel = (page, label) => page.locator(`svg.canvas .node[aria-label="${label}"]`);

/** Drags a palette item onto the canvas at page point `at`; returns the new node's id. */
async function dropFromPalette(page, kind, at) {
  const before = await page.locator('svg.canvas .node').count();
  const item = page.locator(`.palette-item[data-kind="${kind}"]`);
  await drag(page, centre(await item.boundingBox()), at, 15);
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, before + 1);
  // The new node is the selected one.
  const id = await page.locator('svg.canvas .node.selected').getAttribute('data-id');
  assert.ok(id, `a ${kind} node was placed and selected`);
  return id;
}

/** Wires `from` to `to` by dragging from the output handle of one to the body of the other. */
async function wire(page, from, to) {
  const before = await page.locator('svg.canvas line.wire:not(.preview)').count();
  const handle = centre(await nodeById(page, from).locator('circle.handle').boundingBox());
  const target = centre(await nodeById(page, to).locator('rect.body').boundingBox());
  await drag(page, handle, target, 10);
  await page.locator(`svg.canvas line.wire[data-from="${from}"][data-to="${to}"]`).waitFor({ state: 'attached' });
  assert.equal(await page.locator('svg.canvas line.wire:not(.preview)').count(), before + 1);
}

/** Clicks the middle of a node's body. */
async function clickNode(page, id) {
  const b = centre(await nodeById(page, id).locator('rect.body').boundingBox());
  await page.mouse.click(b.x, b.y);
  await page.locator(`svg.canvas .node.selected[data-id="${id}"]`).waitFor();
}

/** What the canvas shows: each node's id, label and world position, and each wire. */
async function drawn(page) {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('svg.canvas .node:not(.ghost)')]
      .map((n) => [n.dataset.id, n.getAttribute('aria-label'), n.getAttribute('transform')].join(' | '))
      .sort(),
    wires: [...document.querySelectorAll('svg.canvas line.wire:not(.preview)')]
      .map((w) => `${w.dataset.from} -> ${w.dataset.to}`)
      .sort(),
  }));
}

/**
 * The harness's check, less requests cut short by the test's own navigations (a favicon still
 * loading when the test moves on is aborted by the browser, which is no fault of the page).
 */
function assertClean(g) {
  const rest = g.problems.filter((p) => !/^request failed: \S+ net::ERR_ABORTED$/.test(p));
  g.problems.splice(0, g.problems.length, ...rest);
  g.assertClean(assert);
}

const viewOf = (page) => page.locator('svg.canvas g.world').getAttribute('transform');

const workersOf = (doc, id) => doc.nodes.find((n) => n.id === id)?.workers;

// ---- the whole story -----------------------------------------------------------------------

test('build users -> load balancer -> 2 web servers -> database, edit, undo, reload, share, embed', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url());
  await page.locator('svg.canvas .node').first().waitFor();
  // A first visit may greet with the journey; this user wants to draw their own.
  const welcome = page.locator('.overlay.welcome');
  if (await welcome.count()) {
    await shot(page, 'editor-00-welcome');
    await welcome.getByRole('button', { name: 'Blank canvas' }).click();
    await welcome.waitFor({ state: 'detached' });
  }

  // New: an empty canvas with a hint of what to do.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 0);
  assert.ok(await page.locator('svg.canvas .empty-hint').isVisible(), 'the empty canvas says what to do');
  await savedWhen(page, (d) => d.nodes.length === 0, 'the empty document');
  await shot(page, 'editor-01-new-empty');

  // Room for five nodes: zoom out one step with the toolbar.
  const zoomLabel = page.locator('.toolbar .zoom');
  assert.equal(await zoomLabel.textContent(), '100 %');
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await eventually(async () => (await zoomLabel.textContent()) === '80 %', 'the zoom shows 80 % after one step out');

  // Drag each component from the palette to its place. Points are relative to the canvas.
  const c = await page.locator('svg.canvas').boundingBox();
  const at = (x, y) => ({ x: c.x + x * c.width, y: c.y + y * c.height });
  const users = await dropFromPalette(page, 'users', at(0.12, 0.55));
  // Mid-drag, the palette shows a ghost of the component where it would land.
  const lbItem = centre(await page.locator('.palette-item[data-kind="load_balancer"]').boundingBox());
  await page.mouse.move(lbItem.x, lbItem.y);
  await page.mouse.down();
  await page.mouse.move(at(0.36, 0.55).x, at(0.36, 0.55).y, { steps: 15 });
  await page.locator('svg.canvas .node.ghost').waitFor();
  await shot(page, 'editor-02-palette-drag-ghost');
  await page.mouse.up();
  await until(page, () => document.querySelectorAll('svg.canvas .node:not(.ghost)').length === 2);
  const lb = await page.locator('svg.canvas .node.selected').getAttribute('data-id');
  const web1 = await dropFromPalette(page, 'web_server', at(0.6, 0.34));
  const web2 = await dropFromPalette(page, 'web_server', at(0.6, 0.76));
  const db = await dropFromPalette(page, 'database', at(0.85, 0.55));
  assert.equal(new Set([users, lb, web1, web2, db]).size, 5, 'five distinct nodes');
  assert.match(await nodeById(page, lb).getAttribute('aria-label'), /^Load balancer:/);
  assert.match(await nodeById(page, db).getAttribute('aria-label'), /^Database:/);
  // Every node landed inside the canvas, where it was dropped.
  for (const id of [users, lb, web1, web2, db]) {
    const b = await nodeById(page, id).boundingBox();
    assert.ok(b.x >= c.x && b.x + b.width <= c.x + c.width && b.y >= c.y && b.y + b.height <= c.y + c.height,
      `${id} is inside the canvas: ${JSON.stringify(b)}`);
  }
  await shot(page, 'editor-03-placed');

  // Wire them from output handles.
  await wire(page, users, lb);
  await wire(page, lb, web1);
  await wire(page, lb, web2);
  await wire(page, web1, db);
  await wire(page, web2, db);
  let doc = await savedWhen(page, (d) => d.nodes.length === 5 && d.wires.length === 5, 'five nodes and five wires');
  assert.deepEqual(
    doc.wires.map((w) => `${w.from}->${w.to}`).sort(),
    [`${users}->${lb}`, `${lb}->${web1}`, `${lb}->${web2}`, `${web1}->${db}`, `${web2}->${db}`].sort(),
  );
  // The run dock follows the new design quietly (nothing has run yet) at the users' default rate.
  assert.equal(await page.locator('.run-dock .notice').count(), 0, 'no "restart with changes" before anything ran');
  assert.equal(await page.locator('.run-dock output[data-metric=rate]').textContent(), '100/s');
  await shot(page, 'editor-04-wired');

  // A wire the model refuses says why, where the pointer is, and is not added.
  {
    const handle = centre(await nodeById(page, db).locator('circle.handle').boundingBox());
    const target = centre(await nodeById(page, users).locator('rect.body').boundingBox());
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    await page.mouse.move(target.x, target.y, { steps: 10 });
    const notice = page.locator('svg.canvas .notice');
    await notice.waitFor();
    const why = (await notice.textContent()).trim();
    assert.ok(why.length > 5, `the refusal is explained: "${why}"`);
    assert.equal(await page.locator(`.node.refused[data-id="${users}"]`).count(), 1, 'the target is marked refused');
    // The explanation sits next to the pointer.
    const nb = await notice.boundingBox();
    assert.ok(Math.abs(nb.x - target.x) < 60 && Math.abs(nb.y - target.y) < 60, `notice near the pointer: ${JSON.stringify(nb)}`);
    await shot(page, 'editor-05-refused-wire');
    await page.mouse.up();
    await page.locator('svg.canvas line.wire.preview').waitFor({ state: 'detached' });
    assert.equal(await page.locator('svg.canvas line.wire:not(.preview)').count(), 5, 'the refused wire was not added');
    // After the release the whole sentence stays, inside the canvas, and says what to do
    // instead; the next action anywhere on the page (here a press on the run dock) dismisses it.
    const after = page.locator('svg.canvas .notice');
    await after.waitFor();
    const full = await after.getAttribute('aria-label');
    assert.match(full, /^a database cannot send requests to users: a database only replicates/, full);
    const cb = await page.locator('svg.canvas').boundingBox();
    const ab = await after.boundingBox();
    assert.ok(ab.x >= cb.x && ab.y >= cb.y && ab.x + ab.width <= cb.x + cb.width + 1 && ab.y + ab.height <= cb.y + cb.height + 1,
      `the notice is inside the canvas: ${JSON.stringify(ab)} in ${JSON.stringify(cb)}`);
    await page.locator('.run-dock [data-metric=clock]').click();
    await after.waitFor({ state: 'detached' });
  }

  // Edit a parameter in the inspector: a bad value is shown as such and never applied; a good
  // one is applied on Enter.
  await clickNode(page, web1);
  const inspector = page.locator('aside.inspector');
  const workers = inspector.locator('input[name=workers]');
  const defaultWorkers = await workers.inputValue();
  await workers.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await inspector.locator('.field.invalid').waitFor();
  assert.match(await inspector.locator('.field.invalid .error').textContent(), /Workers/);
  await shot(page, 'editor-06-bad-value');
  assert.equal(workersOf(await saved(page), web1), undefined, 'a bad value never enters the document');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  doc = await savedWhen(page, (d) => workersOf(d, web1) === 12, `${web1}.workers = 12`);
  assert.equal(await inspector.locator('.field.invalid').count(), 0);
  await shot(page, 'editor-07-param-edited');

  // Undo and redo with the keyboard (focus back on the canvas: a click on the node), then with
  // the toolbar.
  await clickNode(page, web1);
  await page.keyboard.press('Control+z');
  await savedWhen(page, (d) => workersOf(d, web1) === undefined, 'the edit undone by Ctrl+Z');
  assert.equal(await workers.inputValue(), defaultWorkers, 'the inspector shows the undone value');
  await shot(page, 'editor-08-undone');
  await page.keyboard.press('Shift+Control+z');
  await savedWhen(page, (d) => workersOf(d, web1) === 12, 'the edit redone by Shift+Ctrl+Z');
  assert.equal(await workers.inputValue(), '12');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await savedWhen(page, (d) => workersOf(d, web1) === undefined, 'the edit undone by the toolbar');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await savedWhen(page, (d) => workersOf(d, web1) === 12, 'the edit redone by the toolbar');
  // History reaches back through the wiring: two undo steps take back the edit and the last
  // wire (the refused wire and the bad value left no step); Ctrl+Y redoes both.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await savedWhen(page, (d) => d.wires.length === 4 && workersOf(d, web1) === undefined, 'the edit and the last wire undone');
  await page.keyboard.press('Control+y');
  await page.keyboard.press('Control+y');
  await savedWhen(page, (d) => d.wires.length === 5 && workersOf(d, web1) === 12, 'both redone by Ctrl+Y');

  // Arrow keys move the selection one grid step, Shift ten; Ctrl+Z puts it back.
  {
    await clickNode(page, web2);
    const before = (await saved(page)).nodes.find((n) => n.id === web2);
    await page.keyboard.press('ArrowRight');
    await savedWhen(page, (d) => d.nodes.find((n) => n.id === web2).x === before.x + 16, 'a 16 px nudge right');
    await page.keyboard.press('Shift+ArrowDown');
    await savedWhen(page, (d) => d.nodes.find((n) => n.id === web2).y === before.y + 160, 'a 160 px nudge down');
    await shot(page, 'editor-09-nudged');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await savedWhen(page, (d) => {
      const n = d.nodes.find((m) => m.id === web2);
      return n.x === before.x && n.y === before.y;
    }, 'the nudges undone');
  }

  // Reload: the diagram and the view come back from local storage.
  await page.keyboard.press('Escape');
  const beforeReload = await drawn(page);
  const viewBefore = await viewOf(page);
  const docBefore = await saved(page);
  await page.reload();
  await page.locator('svg.canvas .node').first().waitFor();
  assert.deepEqual(await drawn(page), beforeReload, 'the same diagram after a reload');
  assert.equal(await viewOf(page), viewBefore, 'the same view after a reload');
  assert.equal(await zoomLabel.textContent(), '80 %');
  assert.deepEqual(await saved(page), docBefore);
  await shot(page, 'editor-10-reloaded');

  // Copy link: the link (also shown in the banner, the clipboard may be out of reach) holds
  // the whole scenario.
  await page.getByRole('button', { name: 'Copy link' }).click();
  const banner = page.locator('.banner');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Link copied/);
  const link = await banner.locator('input.copy').inputValue();
  assert.ok(link.startsWith(server.url() + '#s='), `a share link of this page: ${link}`);
  assert.ok(link.length < 2000, `a 5-node diagram makes a short link (${link.length} characters)`);
  assert.equal(await page.evaluate(() => location.href), link, 'the address bar holds the link too');
  await shot(page, 'editor-11-link-copied');

  // Open the link in a fresh browser profile: the same diagram, parameters included.
  {
    const other = await openPage(browser, server.origin);
    await other.page.goto(link);
    await other.page.locator('svg.canvas .node').first().waitFor();
    const there = await drawn(other.page);
    assert.deepEqual(there, beforeReload, 'the link opens the same diagram');
    await clickNode(other.page, web1);
    assert.equal(await other.page.locator('aside.inspector input[name=workers]').inputValue(), '12');
    assert.equal(await saved(other.page), null, 'opening a link writes nothing until the first edit');
    await shot(other.page, 'editor-12-link-opened');
    assertClean(other);
    await other.context.close();
  }

  // A damaged link: a readable message, and the autosaved work underneath is intact.
  const payload = link.split('#s=')[1];
  const docAtLink = await saved(page);
  for (const [broken, why] of [
    [payload.slice(0, Math.floor(payload.length / 2)), /cut off|ends too early|garbled/],
    [payload.slice(0, 20) + '!!*' + payload.slice(20), /character/],
  ]) {
    await page.goto('about:blank');
    await page.goto(`${server.url()}#s=${broken}`);
    const alert = page.locator('.banner.error[role=alert]');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /damaged/);
    assert.match(text, /unchanged/);
    assert.match(text, why);
    assert.deepEqual(await drawn(page), beforeReload, 'the working copy is shown, untouched');
    assert.deepEqual(await saved(page), docAtLink, 'and the autosave is untouched');
  }
  await shot(page, 'editor-13-damaged-link');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('.banner').waitFor({ state: 'detached' });

  // Copy embed code: an iframe snippet; pasted into a documentation page, it shows the canvas
  // and the run controls only, with a way out to the full editor.
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const snippet = await page.locator('.banner input.copy').inputValue();
  assert.match(snippet, /^<iframe src="[^"]+\?embed#s=[^"]+" title="Scaleboard: [^"]*" width="900" height="520"><\/iframe>$/);
  await shot(page, 'editor-14-embed-code');
  extra['/embed-doc.html'] = `<!doctype html><html><head><link rel="icon" href="data:,"><title>Docs</title></head>
    <body><h1>Our architecture</h1>${snippet.replace('<iframe ', '<iframe id="sb" ')}</body></html>`;
  {
    const doc = await openPage(browser, server.origin);
    await doc.page.goto(`${server.origin}/embed-doc.html`);
    const frame = doc.page.frameLocator('#sb');
    await frame.locator('svg.canvas .node').first().waitFor();
    assert.equal(await frame.locator('svg.canvas .node').count(), 5);
    assert.equal(await frame.locator('svg.canvas line.wire').count(), 5);
    assert.equal(await frame.locator('nav.file').count(), 0, 'no file bar');
    assert.equal(await frame.locator('.palette').count(), 0, 'no palette');
    assert.equal(await frame.locator('aside.inspector').count(), 0, 'no inspector');
    const tools = await frame.locator('.toolbar button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(tools, ['Zoom out', 'Zoom in', 'Zoom to fit'], 'view controls only');
    assert.ok(await frame.getByRole('button', { name: 'Play' }).isVisible(), 'the run controls');
    // The whole diagram is visible inside the iframe.
    const fc = await frame.locator('svg.canvas').boundingBox();
    for (const b of await frame.locator('svg.canvas .node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
      assert.ok(b.width > 30 && b.x >= 0 && b.x + b.width <= fc.width + 1 && b.y >= 0 && b.y + b.height <= fc.height + 1,
        `node inside the embedded canvas: ${JSON.stringify(b)}`);
    }
    const open = frame.getByRole('link', { name: /Open in Scaleboard/ });
    const href = await open.getAttribute('href');
    assert.ok(href.startsWith(server.url() + '#s='), `the link opens the full editor: ${href}`);
    assert.equal(await open.getAttribute('target'), '_blank');
    await shot(doc.page, 'editor-15-embedded');
    // Following it opens the full editor in a new tab with the same diagram.
    const [full] = await Promise.all([doc.context.waitForEvent('page'), open.click()]);
    await full.locator('svg.canvas .node').first().waitFor();
    assert.equal(await full.locator('nav.file').count(), 1, 'the full editor');
    assert.deepEqual((await drawn(full)).wires, beforeReload.wires);
    await shot(full, 'editor-16-opened-from-embed');
    // A damaged link in an embed says so; it never passes another scenario off as the linked one.
    await full.close();
    await doc.page.goto('about:blank');
    await doc.page.goto(server.url(`?embed#s=${payload.slice(0, 40)}`));
    const alert = doc.page.locator('[role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /share link could not be opened/);
    assert.equal(await doc.page.locator('svg.canvas .node').count(), 0, 'no diagram in its place');
    await shot(doc.page, 'editor-17-embed-damaged-link');
    assertClean(doc);
    await doc.context.close();
  }

  assertClean(g);
  await g.context.close();
});

// ---- the other gestures, on the built-in single-server scenario -----------------------------

test('marquee selects, Delete removes with the wires, Ctrl+Z restores', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  const start = await drawn(page);
  const nodes = await page.locator('svg.canvas .node').evaluateAll((els) =>
    els.map((e) => ({ id: e.dataset.id, box: e.querySelector('rect.body').getBoundingClientRect().toJSON() })));
  assert.ok(nodes.length >= 3);
  // Sweep a rectangle around every node but the first, from empty canvas below-right to above.
  const rest = nodes.slice(1);
  const left = Math.min(...rest.map((n) => n.box.x)) - 12;
  const firstRight = nodes[0].box.x + nodes[0].box.width;
  assert.ok(left > firstRight, 'the first node is outside the sweep');
  const top = Math.min(...rest.map((n) => n.box.y)) - 24;
  const right = Math.max(...rest.map((n) => n.box.x + n.box.width)) + 24;
  const bottom = Math.max(...rest.map((n) => n.box.y + n.box.height)) + 24;
  await page.mouse.move(right, bottom);
  await page.mouse.down();
  await page.mouse.move(left, top, { steps: 12 });
  await page.locator('svg.canvas rect.marquee').waitFor();
  await shot(page, 'editor-20-marquee');
  await page.mouse.up();
  const selected = await page.locator('svg.canvas .node.selected').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.deepEqual(selected.sort(), rest.map((n) => n.id).sort());
  assert.match(await page.locator('aside.inspector h2').textContent(), new RegExp(`${rest.length} components selected`));
  await page.keyboard.press('Delete');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, 1);
  assert.equal(await page.locator('svg.canvas line.wire').count(), 0, 'their wires went with them');
  await shot(page, 'editor-21-deleted');
  await page.keyboard.press('Control+z');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, nodes.length);
  assert.deepEqual(await drawn(page), start, 'one undo step brings everything back');
  assertClean(g);
  await g.context.close();
});

test('a node is dragged with snapping, and Escape mid-drag puts it back', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  const node = page.locator('svg.canvas .node').last();
  await node.waitFor();
  const id = await node.getAttribute('data-id');
  const b0 = centre(await node.locator('rect.body').boundingBox());
  const t0 = await node.getAttribute('transform');
  // Escape during the drag: back where it was, nothing to undo.
  await page.mouse.move(b0.x, b0.y);
  await page.mouse.down();
  await page.mouse.move(b0.x + 10, b0.y + 90, { steps: 10 });
  // Mid-drag the node is drawn on the lift layer, following the pointer; its place on the
  // canvas is kept, hidden.
  const copy = page.locator(`svg.lift .node[data-id="${id}"] rect.body`);
  await eventually(async () => {
    const b = await copy.boundingBox();
    return b !== null && Math.abs(centre(b).y - (b0.y + 90)) < 30 && Math.abs(centre(b).x - (b0.x + 10)) < 30;
  }, 'the node is drawn under the pointer on the lift layer mid-drag');
  assert.equal(await node.evaluate((el) => getComputedStyle(el).visibility), 'hidden', 'its place on the canvas is hidden meanwhile');
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await eventually(async () => (await node.getAttribute('transform')) === t0, 'Escape puts the node back');
  await eventually(async () => (await page.locator('svg.lift').count()) === 0, 'the lift layer goes with the drag');
  assert.equal(await node.evaluate((el) => getComputedStyle(el).visibility), 'visible', 'and the node is shown on the canvas again');
  assert.ok(await page.getByRole('button', { name: 'Undo', exact: true }).isDisabled(), 'and left nothing to undo');
  // A real drag: the node lands on the grid, and one undo step takes it back.
  await drag(page, b0, { x: b0.x + 7, y: b0.y + 95 }, 12);
  const moved = await node.getAttribute('transform');
  assert.notEqual(moved, t0);
  const [x, y] = moved.match(/translate\(([-\d.]+) ([-\d.]+)\)/).slice(1).map(Number);
  // Node centres snap to the 16 px grid; the transform is the top-left (centre - 88, - 32).
  const onGrid = (v) => Math.abs(v / 16 - Math.round(v / 16)) < 1e-6;
  assert.ok(onGrid(x + 88), `x snapped: ${moved}`);
  assert.ok(onGrid(y + 32), `y snapped: ${moved}`);
  await shot(page, 'editor-22-dragged');
  await page.keyboard.press('Control+z');
  await until(page, ([i, t]) => document.querySelector(`.node[data-id="${i}"]`).getAttribute('transform') === t, [id, t0]);
  assertClean(g);
  await g.context.close();
});

test('zoom buttons, zoom to fit, and the help overlay on "?"', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  const zoom = page.locator('.toolbar .zoom');
  const level = async () => parseInt(await zoom.textContent(), 10);
  const fitted = await level();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const near = (a, b) => Math.abs(a - b) <= 1;
  const levelNear = (want, what) => eventually(async () => near(await level(), want), `${what}: ${want} %`);
  await levelNear(fitted * 1.5625, `two steps in from ${fitted} %`);
  await shot(page, 'editor-23-zoomed-in');
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await levelNear(fitted * 0.8, 'one step out of the fitted view');
  // '+' on the keyboard zooms in too.
  await page.keyboard.type('+');
  await levelNear(fitted, "'+' zooms in");
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  await eventually(async () => (await level()) === fitted, `fit returns to the fitted view (${fitted} %)`);
  const c = await page.locator('svg.canvas').boundingBox();
  for (const b of await page.locator('svg.canvas .node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    assert.ok(b.x >= c.x && b.x + b.width <= c.x + c.width && b.y >= c.y && b.y + b.height <= c.y + c.height, 'every node in view');
  }

  // '?' opens the shortcut list; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  const text = await help.textContent();
  for (const s of ['Undo', 'Ctrl+Z', 'Redo', 'Ctrl+Shift+Z', 'Delete', 'Zoom to fit']) {
    assert.ok(text.includes(s), `the overlay lists ${s}`);
  }
  // It explains how to wire, and what may connect to what (from the model's rules).
  assert.ok(text.includes('Drag from the round handle'), 'how to draw a wire');
  const users = await help.locator('table.wiring tr', { hasText: /^Users/ }).textContent();
  assert.equal(users, 'Users→ DNS, CDN, Load balancer, Web server');
  await shot(page, 'editor-24-help');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  // The toolbar button opens it too, and its Close button closes it.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await help.waitFor();
  await help.getByRole('button', { name: 'Close' }).click();
  await help.waitFor({ state: 'detached' });
  assertClean(g);
  await g.context.close();
});

test('?theme=dark and ?theme=light override the system colour scheme, charts included', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  const colours = () => page.evaluate(() => {
    const chart = document.querySelector('.charts canvas');
    const px = chart ? [...chart.getContext('2d').getImageData(4, 4, 1, 1).data].slice(0, 3) : null;
    return {
      theme: document.documentElement.dataset.theme ?? null,
      body: getComputedStyle(document.body).backgroundColor,
      node: getComputedStyle(document.querySelector('svg.canvas .node rect.body')).fill,
      chartBrightness: px && px.reduce((a, b) => a + b, 0) / 3,
    };
  });
  const DARK_BG = 'rgb(13, 17, 23)';
  const LIGHT_BG = 'rgb(246, 248, 250)';

  // No parameter: the system's choice.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  let c = await colours();
  assert.equal(c.theme, null);
  assert.equal(c.body, DARK_BG, 'a dark system gives the dark scheme');

  // ?theme=light on a dark system.
  await page.goto(server.url('?scenario=01-single-server&theme=light'));
  await page.locator('svg.canvas .node').first().waitFor();
  c = await eventually(async () => { const x = await colours(); return x.body === LIGHT_BG && (x.chartBrightness === null || x.chartBrightness > 180) && x; }, 'the light scheme is applied, charts included');
  assert.equal(c.theme, 'light');
  assert.equal(c.body, LIGHT_BG);
  assert.equal(c.node, 'rgb(255, 255, 255)');
  if (c.chartBrightness !== null) assert.ok(c.chartBrightness > 180, `the charts are light too: ${c.chartBrightness}`);
  await shot(page, 'editor-25-theme-light-on-dark-system');

  // ?theme=dark on a light system, in the editor and in an embed.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(server.url('?scenario=01-single-server&theme=dark'));
  await page.locator('svg.canvas .node').first().waitFor();
  c = await eventually(async () => { const x = await colours(); return x.body === DARK_BG && (x.chartBrightness === null || x.chartBrightness < 80) && x; }, 'the dark scheme is applied, charts included');
  assert.equal(c.theme, 'dark');
  assert.equal(c.body, DARK_BG);
  assert.equal(c.node, 'rgb(28, 34, 48)');
  if (c.chartBrightness !== null) assert.ok(c.chartBrightness < 80, `the charts are dark too: ${c.chartBrightness}`);
  await shot(page, 'editor-26-theme-dark');
  await page.setViewportSize({ width: 900, height: 520 });
  await page.goto(server.url('?scenario=05-cache&embed&theme=dark'));
  await page.locator('svg.canvas .node').first().waitFor();
  assert.equal((await colours()).body, DARK_BG);
  await shot(page, 'editor-27-embed-theme-dark');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Anything else is ignored.
  await page.goto(server.url('?scenario=01-single-server&theme=purple'));
  await page.locator('svg.canvas .node').first().waitFor();
  c = await colours();
  assert.equal(c.theme, null);
  assert.equal(c.body, LIGHT_BG);
  assertClean(g);
  await g.context.close();
});

test('palette click and Enter place at the centre, beside what is there; Ctrl+D duplicates, Ctrl+C then Ctrl+V pastes', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  const count = () => page.locator('svg.canvas .node').count();
  const n0 = await count();
  const c = await page.locator('svg.canvas').boundingBox();
  const mid = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  // At the centre of the view, or the free place nearest to it: never on top of a node.
  const near = (b) => Math.abs(b.x + b.width / 2 - mid.x) <= b.width + 24 && Math.abs(b.y + b.height / 2 - mid.y) <= b.height + 24;
  const overlapsNone = (id) => page.evaluate((id) => {
    const boxes = [...document.querySelectorAll('svg.canvas .node rect.body')].map((r) => [r.closest('.node').dataset.id, r.getBoundingClientRect()]);
    const me = boxes.find(([i]) => i === id)[1];
    return boxes.every(([i, b]) => i === id || b.right <= me.left || me.right <= b.left || b.bottom <= me.top || me.bottom <= b.top);
  }, id);

  // A click (no drag) on a palette item places it in the middle of the view, selected.
  await page.locator('.palette-item[data-kind="cache"]').click();
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, n0 + 1);
  const cache = page.locator('svg.canvas .node.selected');
  assert.match(await cache.getAttribute('aria-label'), /^Cache:/);
  assert.ok(near(await cache.locator('rect.body').boundingBox()), 'the cache is at the centre of the view');
  assert.ok(await overlapsNone(await cache.getAttribute('data-id')), 'beside the node already there, not on it');
  // Keyboard: focus an item and press Enter.
  await page.locator('.palette-item[data-kind="message_queue"]').focus();
  await page.keyboard.press('Enter');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, n0 + 2);
  const queue = page.locator('svg.canvas .node.selected');
  assert.match(await queue.getAttribute('aria-label'), /^Message queue:/);
  assert.ok(await overlapsNone(await queue.getAttribute('data-id')));
  await shot(page, 'editor-28-placed-by-click-and-enter');

  // Ctrl+D duplicates the selection; Ctrl+C, Ctrl+V pastes a copy beside it.
  await page.keyboard.press('Control+d');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, n0 + 3);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, n0 + 4);
  const queues = await page.locator('svg.canvas .node[aria-label^="Message queue:"]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('transform')));
  assert.equal(new Set(queues).size, 3, `three message queues in three places: ${queues}`);
  // Four undo steps take all of it back.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, n0);
  assertClean(g);
  await g.context.close();
});

test('touch: a finger drags a node, and drags a component from the palette onto the canvas', async () => {
  // The harness's guards, on a context with a touch screen.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  const g = { page, context, problems: [], assertClean(a) { a.deepEqual(this.problems, [], 'no page errors'); } };
  page.on('console', (m) => m.type() === 'error' && g.problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => g.problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== server.origin) g.problems.push(`foreign request: ${u}`);
  });
  const cdp = await context.newCDPSession(page);
  const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
  async function swipe(from, to, steps = 12) {
    await touch('touchStart', from);
    for (let i = 1; i <= steps; i++) {
      await touch('touchMove', { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps });
    }
    await touch('touchEnd');
  }

  await page.goto(server.url('?scenario=01-single-server'));
  const node = page.locator('svg.canvas .node').last();
  await node.waitFor();
  const t0 = await node.getAttribute('transform');
  const b = centre(await node.locator('rect.body').boundingBox());
  const scrollBefore = await page.evaluate(() => [scrollX, scrollY]);
  await swipe(b, { x: b.x - 20, y: b.y + 100 });
  await until(page, ([el, t]) => el.getAttribute('transform') !== t, [await node.elementHandle(), t0]);
  assert.deepEqual(await page.evaluate(() => [scrollX, scrollY]), scrollBefore, 'the page did not scroll under the finger');

  const n0 = await page.locator('svg.canvas .node').count();
  const item = centre(await page.locator('.palette-item[data-kind="cache"]').boundingBox());
  const c = await page.locator('svg.canvas').boundingBox();
  await swipe(item, { x: c.x + 120, y: c.y + c.height - 80 }, 15);
  await until(page, (n) => document.querySelectorAll('svg.canvas .node:not(.ghost)').length === n, n0 + 1);
  assert.match(await page.locator('svg.canvas .node.selected').getAttribute('aria-label'), /^Cache:/);
  await shot(page, 'editor-29-touch');
  assertClean(g);
  await context.close();
});

test('pan and zoom: the wheel pans, Ctrl+wheel zooms about the pointer, middle-drag and Space+drag pan', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  const view = async () => {
    const [, x, y, z] = (await viewOf(page)).match(/translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)\)/).map(Number);
    return { x, y, z };
  };
  const c = await page.locator('svg.canvas').boundingBox();
  // An empty spot of the canvas, below the diagram.
  const spot = { x: c.x + c.width / 2, y: c.y + c.height - 40 };
  await page.mouse.move(spot.x, spot.y);

  let v0 = await view();
  const t0 = await viewOf(page);
  await page.mouse.wheel(0, 100);
  await until(page, (t) => document.querySelector('svg.canvas g.world').getAttribute('transform') !== t, t0);
  let v = await view();
  assert.ok(Math.abs(v.y - (v0.y - 100)) < 1 && v.z === v0.z, `the wheel pans up by 100 px: ${JSON.stringify([v0, v])}`);

  // Ctrl+wheel zooms in about the pointer: the world point under it stays put.
  v0 = v;
  const worldUnder = { x: (spot.x - c.x - v0.x) / v0.z, y: (spot.y - c.y - v0.y) / v0.z };
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  v = await view();
  assert.ok(v.z > v0.z, `zoomed in: ${v0.z} -> ${v.z}`);
  const back = { x: c.x + v.x + worldUnder.x * v.z, y: c.y + v.y + worldUnder.y * v.z };
  assert.ok(Math.abs(back.x - spot.x) < 1.5 && Math.abs(back.y - spot.y) < 1.5, `the point under the pointer stayed: ${JSON.stringify(back)}`);

  // Middle-button drag pans.
  v0 = v;
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(spot.x + 60, spot.y - 30, { steps: 8 });
  await page.mouse.up({ button: 'middle' });
  v = await view();
  assert.ok(Math.abs(v.x - v0.x - 60) < 1.5 && Math.abs(v.y - v0.y + 30) < 1.5, `middle-drag pans: ${JSON.stringify([v0, v])}`);

  // Space + drag pans, even starting on a node, and moves no node; also right after a toolbar
  // click (the button must not keep focus and take the Space as a click of its own).
  await page.getByRole('button', { name: 'Zoom to fit' }).click();
  v0 = await view();
  const nodes = await drawn(page);
  const on = centre(await page.locator('svg.canvas .node rect.body').first().boundingBox());
  await page.mouse.move(on.x, on.y);
  await page.keyboard.down(' ');
  await page.mouse.down();
  await page.mouse.move(on.x - 50, on.y + 20, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  v = await view();
  assert.ok(Math.abs(v.x - v0.x + 50) < 1.5 && Math.abs(v.y - v0.y - 20) < 1.5, `Space+drag pans: ${JSON.stringify([v0, v])}`);
  assert.deepEqual(await drawn(page), nodes, 'no node moved');
  await shot(page, 'editor-30-panned-zoomed');
  assertClean(g);
  await g.context.close();
});

test('data centers: a region dropped from the palette takes the nodes dropped in it, and moving it moves them', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server'));
  await page.locator('svg.canvas .node').first().waitFor();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 0);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  const c = await page.locator('svg.canvas').boundingBox();
  const mid = { x: c.x + c.width / 2, y: c.y + c.height / 2 + 10 };

  // The region, dropped at the middle of the canvas. Its palette item is the last one, below the
  // fold at this height: the wheel scrolls the palette to it first.
  const palette = await page.locator('nav.palette').boundingBox();
  await page.mouse.move(palette.x + palette.width / 2, palette.y + palette.height / 2);
  await page.mouse.wheel(0, 400);
  await until(page, () => {
    const r = document.querySelector('.palette-item[data-kind="data_center"]').getBoundingClientRect();
    const p = document.querySelector('nav.palette').getBoundingClientRect();
    return r.bottom <= p.bottom + 1;
  });
  await drag(page, centre(await page.locator('.palette-item[data-kind="data_center"]').boundingBox()), mid, 15);
  const region = page.locator('svg.canvas g.dc');
  await region.waitFor();
  const dcId = await region.getAttribute('data-dc');
  // Two web servers dropped inside it belong to it; one outside does not.
  const inside1 = await dropFromPalette(page, 'web_server', { x: mid.x - 80, y: mid.y - 30 });
  const inside2 = await dropFromPalette(page, 'web_server', { x: mid.x + 80, y: mid.y + 50 });
  const rb = await region.locator('rect.region').boundingBox();
  const outside = await dropFromPalette(page, 'users', { x: Math.max(c.x + 80, rb.x - 90), y: c.y + 60 + 40 });
  let doc = await savedWhen(page, (d) => d.nodes.length === 3, 'three nodes');
  const dcOf = (d, id) => d.nodes.find((n) => n.id === id).dc ?? null;
  assert.equal(dcOf(doc, inside1), dcId);
  assert.equal(dcOf(doc, inside2), dcId);
  assert.equal(dcOf(doc, outside), null);
  await clickNode(page, inside1);
  assert.match(await page.locator('aside.inspector').textContent(), new RegExp(`In data center ${dcId}`));
  await shot(page, 'editor-31-data-center');

  // Dragging the region by its label moves its nodes with it, and only them.
  const before = Object.fromEntries(doc.nodes.map((n) => [n.id, [n.x, n.y]]));
  const label = centre(await region.locator('text').boundingBox());
  await drag(page, label, { x: label.x + 40, y: label.y + 24 }, 10);
  doc = await savedWhen(page, (d) => d.nodes.find((n) => n.id === inside1).x !== before[inside1][0], 'the region moved');
  const moved = (id) => [doc.nodes.find((n) => n.id === id).x - before[id][0], doc.nodes.find((n) => n.id === id).y - before[id][1]];
  assert.deepEqual(moved(inside1), moved(inside2), 'both members moved by the same step');
  assert.ok(moved(inside1)[0] > 0 && moved(inside1)[1] > 0, `down and right: ${moved(inside1)}`);
  assert.deepEqual(moved(outside), [0, 0], 'the node outside stayed');
  await shot(page, 'editor-32-data-center-moved');
  // One undo step puts the region and its nodes back.
  await page.keyboard.press('Control+z');
  await savedWhen(page, (d) => d.nodes.every((n) => n.x === before[n.id][0] && n.y === before[n.id][1]), 'the move undone');
  assertClean(g);
  await g.context.close();
});

test('Save, Open, Export SVG and Export PNG: files out and back in through the File bar', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('svg.canvas .node').first().waitFor();
  const shown = await drawn(page);
  const { readFile, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');

  // Save: the versioned scenario JSON.
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
  assert.match(saved.suggestedFilename(), /\.json$/);
  const json = JSON.parse(await readFile(await saved.path(), 'utf8'));
  assert.equal(json.version, 1);
  assert.equal(json.nodes.length, shown.nodes.length);
  assert.equal(json.wires.length, shown.wires.length);

  // Export SVG: a standalone image with every node's name in it.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  assert.match(svg.suggestedFilename(), /\.svg$/);
  const svgText = await readFile(await svg.path(), 'utf8');
  assert.match(svgText, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const n of json.nodes) assert.ok(svgText.includes(`>${n.name}<`) || svgText.includes(n.name.slice(0, 6)), `${n.name} in the SVG`);
  // Export PNG: a real PNG, twice the canvas size.
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  assert.match(png.suggestedFilename(), /\.png$/);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const c = await page.locator('svg.canvas').boundingBox();
  assert.equal(bytes.readUInt32BE(16), Math.floor(c.width * 2), 'width: twice the canvas');
  // Kept beside the screenshots, for a person to look at.
  await writeFile(join(SHOTS, 'editor-34-exported.png'), bytes);
  await writeFile(join(SHOTS, 'editor-34-exported.svg'), svgText);

  // Open: New empties the canvas, then the saved file brings the diagram back.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Open…', { exact: true }).click()]);
  await chooser.setFiles(await saved.path());
  await until(page, (n) => document.querySelectorAll('svg.canvas .node').length === n, shown.nodes.length);
  assert.deepEqual(await drawn(page), shown, 'the saved file opens as it was');
  // A file that is not a scenario: a readable message, the diagram untouched.
  const bad = join(SHOTS, 'not-a-scenario.json');
  await writeFile(bad, '{"version": 1, "nodes": [');
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Open…', { exact: true }).click()]);
  await chooser2.setFiles(bad);
  const alert = page.locator('.banner.error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not be opened/);
  assert.deepEqual(await drawn(page), shown);
  await shot(page, 'editor-33-open-bad-file');
  assertClean(g);
  await g.context.close();
});

test('a 20-node diagram makes a share link under 2,000 characters that opens the same diagram', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=08-two-data-centers'));
  await page.locator('svg.canvas .node').first().waitFor();
  const shown = await drawn(page);
  assert.ok(shown.nodes.length >= 20, `${shown.nodes.length} nodes`);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.locator('.banner input.copy').inputValue();
  assert.ok(link.length < 2000, `${link.length} characters`);
  const other = await openPage(browser, server.origin);
  await other.page.goto(link);
  await other.page.locator('svg.canvas .node').first().waitFor();
  assert.deepEqual(await drawn(other.page), shown);
  assertClean(other);
  await other.context.close();
  assertClean(g);
  await g.context.close();
});

test('wiring a primary onto a new database makes it the replica; new and copied nodes are told apart by name', async () => {
  const g = await openPage(browser, server.origin);
  const { page } = g;
  await page.goto(server.url('?scenario=02-web-and-db'));
  await page.locator('svg.canvas .node').first().waitFor();
  await page.keyboard.press('Escape');
  const c = await page.locator('svg.canvas').boundingBox();
  const db2 = await dropFromPalette(page, 'database', { x: c.x + c.width * 0.8, y: c.y + c.height * 0.85 });
  assert.equal(await nodeById(page, db2).getAttribute('aria-label'), 'Database: Database 2', 'a second database is numbered');
  assert.equal(await nodeById(page, db2).locator('text.kind').textContent(), 'Primary database');
  // Primary -> new database: accepted, and the new one becomes the replica, in one undo step.
  await wire(page, 'db', db2);
  await eventually(async () => (await nodeById(page, db2).locator('text.kind').textContent()) === 'Replica database', 'the canvas names the new database a replica');
  assert.equal(await nodeById(page, 'db').locator('text.kind').textContent(), 'Primary database');
  await page.keyboard.press('Control+z');
  await page.locator(`svg.canvas line.wire[data-from="db"][data-to="${db2}"]`).waitFor({ state: 'detached' });
  await eventually(async () => (await nodeById(page, db2).locator('text.kind').textContent()) === 'Primary database', 'one undo takes back the role too');
  await page.keyboard.press('Control+Shift+Z');
  await page.locator(`svg.canvas line.wire[data-from="db"][data-to="${db2}"]`).waitFor({ state: 'attached' });
  // A copy gets a name of its own.
  await clickNode(page, 'web');
  await page.keyboard.press('Control+d');
  await until(page, () => document.querySelectorAll('svg.canvas .node').length === 6);
  const names = await page.locator('svg.canvas .node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(names.includes('Web server: Web server 2'), `the copy is "Web server 2": ${names}`);
  await shot(page, 'editor-37-replica-by-wiring');
  assertClean(g);
  await g.context.close();
});
