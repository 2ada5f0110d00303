// Presenter mode as a teacher in front of a projector uses it: P (or the button) puts the diagram
// on the whole screen with names readable from the back of the room, four large live tiles, a
// chart strip and the lesson as a caption; Space, the arrows (or a clicker's PageUp/PageDown),
// F, R and Esc drive it. Headless Chromium may grant or refuse the full screen: CSS fills the
// window either way, and nothing here depends on which.
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

/** Opens a journey step and waits until the canvas has measured itself and fitted the diagram. */
async function open(viewport, query) {
  const g = await openPage(browser, server.origin, viewport);
  await g.page.goto(server.url(`?${query}`));
  await g.page.locator('svg.canvas[data-sized]').waitFor();
  return g;
}

/**
 * Waits until presenter mode is on: the attribute, the tiles, the caption, and the diagram fitted
 * to the bigger canvas (the zoom shown stops changing between two polls).
 */
async function presenting(page) {
  await until(page, () => document.documentElement.hasAttribute('data-presenting')
    && document.querySelectorAll('.presenter-live .tile').length === 4
    && document.querySelector('.presenter-caption') !== null,
  undefined, { what: 'presenter mode with its four tiles and caption' });
  await until(page, () => {
    const svg = document.querySelector('svg.canvas');
    const w = svg.getBoundingClientRect().width;
    const z = svg.querySelector('.presenter-names')?.getAttribute('transform');
    const same = window.__presenterFit === `${w} ${z}`;
    window.__presenterFit = `${w} ${z}`;
    return same && z;
  }, undefined, { what: 'the diagram fitted to the presenter canvas and settled', polling: 200 });
}

/**
 * The node names as presenter mode draws them: the smallest on-screen font size [CSS px] (the
 * font size times the diagram's scale on screen), and whether any two names' boxes overlap.
 */
async function names(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('svg.canvas .presenter-name')];
    const px = all.map((el) => parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a);
    const boxes = all.map((el) => el.getBoundingClientRect());
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        // A pixel of slack: anti-aliased edges may touch.
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
          overlaps.push(`${all[i].textContent} / ${all[j].textContent}`);
        }
      }
    }
    const canvas = document.querySelector('svg.canvas').getBoundingClientRect();
    const outside = boxes.filter((b) => b.left < canvas.left - 1 || b.right > canvas.right + 1).length;
    return { count: all.length, min: Math.min(...px), overlaps, outside, zoom: document.querySelector('.toolbar .zoom')?.textContent };
  });
}

const tile = (page, key) => page.locator(`.presenter-live .tile[data-tile="${key}"] .tile-value`).textContent();

test('step 11 on a 1024x768 projector: P, readable names, live tiles, the keys, Esc', async () => {
  const g = await open({ width: 1024, height: 768 }, 'scenario=11-millions');
  const { page } = g;
  const nodes = await page.locator('svg.canvas .node').count();
  const zoom = () => page.locator('.toolbar .zoom').textContent();
  const zoomBefore = await zoom();

  await page.keyboard.press('p');
  await presenting(page);
  // The normal layout is covered: the canvas spans the screen's height, the side panel is gone.
  const wrap = await page.locator('.canvas-wrap').boundingBox();
  assert.deepEqual([wrap.x, wrap.y, wrap.width, wrap.height], [0, 0, 1024, 768], 'the canvas fills the screen');
  assert.ok(await page.evaluate(() => document.elementFromPoint(20, 20)?.closest('.canvas-wrap') !== null),
    'the top bar is covered by the canvas');

  // Every node's name at 18 px or more at the fitted zoom, none on top of another.
  await until(page, (n) => document.querySelectorAll('svg.canvas .presenter-name').length === n, nodes,
    { what: 'a presenter name for every node' });
  await shot(page, 'presenter-1024-en');
  const n = await names(page);
  assert.ok(n.min >= 18, `names must be at least 18 px on screen, the smallest is ${n.min.toFixed(1)} px at ${n.zoom}`);
  assert.deepEqual(n.overlaps, [], 'no two names overlap');
  assert.equal(n.outside, 0, 'every name within the canvas');
  assert.match(await page.locator('.presenter-caption').textContent(), /Step 11/);

  // Space plays: the tiles fill in, and keep changing while the run goes on.
  assert.equal(await tile(page, 'ok-rps'), '–', 'nothing measured before Play');
  await page.keyboard.press(' ');
  await until(page, () => document.querySelector('.presenter-live .tile[data-tile="ok-rps"] .tile-value')?.textContent !== '–',
    undefined, { what: 'the ok/s tile showing a rate after Space' });
  const clock = async () => page.locator('[data-metric="clock"]').textContent();
  const first = await clock();
  await until(page, (c) => document.querySelector('[data-metric="clock"]')?.textContent !== c, first,
    { what: 'the run advancing while presenting' });
  // A few seconds of run, so the strip has a line to show.
  await until(page, () => parseFloat((document.querySelector('[data-metric="clock"]')?.textContent ?? '').replace(/[^\d.]/g, '')) >= 4,
    undefined, { what: 'four simulated seconds of run' });
  assert.match(await tile(page, 'p99'), /ms|s/);
  assert.match(await tile(page, 'good'), /%/);
  assert.match(await tile(page, 'cost'), /^\$[\d,]+$/);
  await shot(page, 'presenter-1024-en-running');

  // F fails the selected node, R brings it back: the node shows it on the canvas.
  const node = page.locator('svg.canvas .node[data-id="web-us-1"]');
  const box = await node.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await until(page, () => document.querySelector('svg.canvas .node[data-id="web-us-1"]')?.getAttribute('aria-pressed') === 'true',
    undefined, { what: 'web-us-1 selected by a click' });
  await page.keyboard.press('f');
  await until(page, () => document.querySelector('svg.canvas .node[data-id="web-us-1"]')?.classList.contains('down')
    && document.querySelector('svg.canvas .presenter-name[data-id="web-us-1"]')?.classList.contains('down'),
  undefined, { what: 'web-us-1 drawn down after F' });
  await shot(page, 'presenter-1024-en-failed');
  await page.keyboard.press('r');
  await until(page, () => !document.querySelector('svg.canvas .node[data-id="web-us-1"]')?.classList.contains('down'),
    undefined, { what: 'web-us-1 back up after R' });

  // S sends the run dock's spike, D the lesson's drill (the drill button's faults, on the timeline).
  const markers = () => page.evaluate(() => [...document.querySelectorAll('.timeline .marker title')].map((m) => m.textContent).join(' | '));
  await page.keyboard.press('s');
  await until(page, () => [...document.querySelectorAll('.timeline .marker title')].some((m) => /spike x5 10 s/.test(m.textContent)),
    undefined, { what: 'a spike marker on the timeline after S' });
  // D asks the lesson's prediction in the caption first, for the room; the first choice has the
  // focus, so Enter answers it and the drill runs, the prediction waiting for its outcome.
  await page.keyboard.press('d');
  await page.locator('.presenter-caption .predict button.choice').first().waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('choice')), true, 'the first choice has the focus');
  await shot(page, 'presenter-1024-en-predict');
  await page.keyboard.press('Enter');
  await page.locator('.presenter-caption .predict-result').waitFor({ state: 'visible' });
  await until(page, () => [...document.querySelectorAll('.timeline .marker title')].some((m) => /Shard US 0 down/.test(m.textContent)),
    undefined, { what: 'the drill\'s fault of Shard US 0 on the timeline after D' });
  assert.match(await markers(), /Shard US 0 back/);

  // Left goes to the previous journey step, a clicker's PageDown to the next: the caption follows.
  await page.keyboard.press('ArrowLeft');
  await until(page, () => document.querySelector('.presenter-caption')?.dataset.lesson === '10-sharding',
    undefined, { what: 'the caption on step 10 after Left' });
  assert.match(await page.locator('.presenter-caption').textContent(), /Step 10/);
  await page.keyboard.press('PageDown');
  await until(page, () => document.querySelector('.presenter-caption')?.dataset.lesson === '11-millions',
    undefined, { what: 'the caption back on step 11 after PageDown' });
  await until(page, () => document.documentElement.hasAttribute('data-presenting'), undefined,
    { what: 'still presenting after changing steps' });

  // Esc leaves: the normal layout is back.
  await page.keyboard.press('Escape');
  await until(page, () => !document.documentElement.hasAttribute('data-presenting'), undefined,
    { what: 'presenter mode left after Esc' });
  await page.locator('.topbar').waitFor({ state: 'visible' });
  await page.locator('.run-dock').waitFor({ state: 'visible' });
  assert.equal(await page.locator('.presenter-live').count(), 0, 'the tiles are gone');
  const canvas = await page.locator('svg.canvas').boundingBox();
  assert.ok(canvas.height < 768 && canvas.y > 0, 'the canvas is back between the top bar and the dock');
  // Another step was opened while presenting: it comes back fitted to the normal canvas.
  await until(page, (z) => document.querySelector('.toolbar .zoom')?.textContent === z, zoomBefore,
    { what: `the zoom back to the normal fit (${zoomBefore})` });
  g.assertClean(assert);
  await g.context.close();
});

test('the button, Korean and a wider screen; P typed into a field stays a letter', async () => {
  for (const [lang, width, height] of [['ko', 1024, 768], ['ko', 1280, 800], ['en', 1280, 800]]) {
    const g = await open({ width, height }, `scenario=11-millions&lang=${lang}`);
    const { page } = g;
    // Typing a name: P is a letter there.
    const field = page.locator('input.doc-name');
    await field.click();
    await page.keyboard.press('p');
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-presenting')), false,
      'P in a text field does not present');
    // Taken back, so the name (and with it the lesson) stays as it was.
    await page.keyboard.press('Backspace');
    const zoomBefore = await page.locator('.toolbar .zoom').textContent();
    await page.locator('button.present-button').click();
    await presenting(page);
    await shot(page, `presenter-${width}-${lang}-stopped`);
    const n = await names(page);
    assert.ok(n.min >= 18, `${lang} ${width}x${height}: names at least 18 px, the smallest is ${n.min.toFixed(1)} px at ${n.zoom}`);
    assert.deepEqual(n.overlaps, [], `${lang} ${width}x${height}: no two names overlap`);
    if (lang === 'ko') {
      assert.match(await page.locator('.presenter-caption').textContent(), /단계/);
      assert.match(await page.locator('.presenter-live').textContent(), /월 비용/);
    }
    await page.keyboard.press(' ');
    await until(page, () => document.querySelector('.presenter-live .tile[data-tile="ok-rps"] .tile-value')?.textContent !== '–',
      undefined, { what: 'the tiles filled in after Space' });
    await shot(page, `presenter-${width}-${lang}`);
    // The help overlay lists the presenter's keys in the language shown.
    await page.keyboard.press('?');
    const help = page.locator('.presenter-keys-help');
    await help.waitFor();
    assert.equal(await help.locator('tr').count(), 9);
    assert.match(await help.textContent(), lang === 'ko' ? /발표 모드/ : /presenter mode/);
    // Escape closes the overlay first; presenter mode stays.
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-presenting')), true,
      'still presenting after Escape closed the help overlay');
    await page.locator('button.presenter-leave').click();
    await until(page, () => !document.documentElement.hasAttribute('data-presenting'), undefined,
      { what: 'presenter mode left by its button' });
    await until(page, (z) => document.querySelector('.toolbar .zoom')?.textContent === z, zoomBefore,
      { what: `the view as it was before presenting (${zoomBefore})` });
    g.assertClean(assert);
    await g.context.close();
  }
});

test('leaving the full screen by the browser\'s own means leaves presenter mode too', async () => {
  const g = await open({ width: 1024, height: 768 }, 'scenario=03-load-balancer');
  const { page } = g;
  await page.keyboard.press('p');
  await presenting(page);
  const granted = await page.evaluate(() => document.fullscreenElement !== null);
  if (granted) {
    // What the browser's Escape or its "exit full screen" button does.
    await page.evaluate(() => document.exitFullscreen());
    await until(page, () => !document.documentElement.hasAttribute('data-presenting'), undefined,
      { what: 'presenter mode left with the full screen' });
  } else {
    // Refused: the window is filled all the same, and P leaves as usual.
    const wrap = await page.locator('.canvas-wrap').boundingBox();
    assert.deepEqual([wrap.width, wrap.height], [1024, 768], 'the canvas fills the window');
    await page.keyboard.press('p');
    await until(page, () => !document.documentElement.hasAttribute('data-presenting'), undefined,
      { what: 'presenter mode left by P' });
  }
  await page.locator('.topbar').waitFor({ state: 'visible' });
  g.assertClean(assert);
  await g.context.close();
});

test('a refused full screen is no error: the window is filled instead', async () => {
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  // As an embedding frame or a browser setting refuses it.
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
  await page.goto(server.url('?scenario=03-load-balancer'));
  await page.locator('svg.canvas[data-sized]').waitFor();
  await page.keyboard.press('p');
  await presenting(page);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null, 'no full screen');
  const wrap = await page.locator('.canvas-wrap').boundingBox();
  assert.deepEqual([wrap.x, wrap.y, wrap.width, wrap.height], [0, 0, 1024, 768], 'the canvas fills the window');
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'nothing alarming is said');
  await page.keyboard.press('Escape');
  await until(page, () => !document.documentElement.hasAttribute('data-presenting'), undefined,
    { what: 'presenter mode left by Escape' });
  g.assertClean(assert);
  await g.context.close();
});
