// Every screen, as a person meets it, in English and in Korean: a 390x844 phone (touch), a
// 1024x768 projector and a 1920x1080 monitor. The layout facts are measured on the page's own
// boxes; the screenshots (e2e/screenshots/screens-*) are for a person to look at.
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

/** What a person reads on the buttons, per language (src/i18n.rs). */
const WORDS = {
  en: { components: 'Components', lesson: 'Lesson', close: 'Close', play: 'Play', fail: 'Fail', showCharts: 'Show charts', hideCharts: 'Hide charts', start: 'Start the journey', drill: 'Run the drill' },
  ko: { components: '구성 요소', lesson: '학습', close: '닫기', play: '재생', fail: '다운', showCharts: '차트 보기', hideCharts: '차트 숨기기', start: '여정 시작하기', drill: '훈련 실행' },
};

const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1024, height: 768 };
const MONITOR = { width: 1920, height: 1080 };

const box = (page, sel) => page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().toJSON());
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** The simulated clock [s], as the run dock shows it. */
const clock = (page) => page.locator('[data-metric=clock]').evaluate((e) => parseFloat(e.textContent.replace(/[^0-9.]/g, '')));
/** The toolbar's zoom level [%]. */
const zoom = (page) => page.locator('.toolbar .zoom').evaluate((e) => parseFloat(e.textContent));
/** Nothing wider than the window: the page never scrolls sideways. */
const noSideScroll = async (page, what) => {
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(sw <= iw, `${what}: the page is ${sw} px wide in a ${iw} px window`);
};
/** Every node of the diagram inside the canvas's box (give or take a pixel). */
const allNodesInside = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('svg.canvas').getBoundingClientRect();
    return [...document.querySelectorAll('svg.canvas .node')].every((n) => {
      const r = n.getBoundingClientRect();
      return r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
    });
  });

for (const lang of ['en', 'ko']) {
  const w = WORDS[lang];

  test(`${lang}: a 390x844 phone, by touch: welcome clear of the header, drawers, run, inject, charts`, async () => {
    const g = await openPage(browser, server.origin, PHONE, { hasTouch: true, isMobile: true });
    const { page } = g;
    await page.goto(server.url(`?lang=${lang}`));
    const sheet = page.locator('.overlay.welcome .sheet');
    await sheet.waitFor();
    const header = await box(page, 'header.topbar');
    const dialog = await box(page, '.overlay.welcome .sheet');
    assert.ok(!overlap(header, dialog), `the header ${JSON.stringify(header)} and the welcome ${JSON.stringify(dialog)} do not overlap`);
    assert.ok(dialog.x >= 0 && dialog.x + dialog.width <= PHONE.width, `the welcome fits across the phone: ${JSON.stringify(dialog)}`);
    await noSideScroll(page, 'the first visit');
    await shot(page, `screens-phone-${lang}-1-welcome`);

    // The journey: the diagram fills the width, the lesson waits in its drawer.
    await page.getByRole('button', { name: w.start }).tap();
    await sheet.waitFor({ state: 'detached' });
    await page.locator('svg.canvas .node').first().waitFor();
    const canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.width >= PHONE.width - 1, `the canvas takes the whole width: ${canvas.width} px`);
    assert.ok(canvas.height >= PHONE.height / 2, `and at least half the height: ${canvas.height} px`);
    await noSideScroll(page, 'the journey');
    // The header keeps to two rows over the file buttons; Present is clear of the toolbar and of
    // the drawers' buttons at the canvas's foot.
    const menus = await Promise.all(['select.journey', 'select.challenges', 'select.lang'].map((s) => box(page, `header.topbar ${s}`)));
    assert.ok(menus.every((m) => Math.abs(m.y - menus[0].y) < 2), `the journey, challenges and language menus share the first row: ${JSON.stringify(menus)}`);
    const present = await box(page, '.present-button');
    for (const other of ['.canvas-wrap > .toolbar', '[data-panel=side] > .panel-toggle', '[data-panel=palette] > .panel-toggle']) {
      const o = await box(page, other);
      assert.ok(!overlap(present, o), `Present ${JSON.stringify(present)} is clear of ${other} ${JSON.stringify(o)}`);
    }

    // The lesson drawer: opened by its button, closed by its own close button.
    const lessonToggle = page.locator('[data-panel=side] > .panel-toggle');
    assert.equal(await lessonToggle.getAttribute('aria-expanded'), 'false', 'the lesson starts folded away on a phone');
    await page.getByRole('button', { name: w.lesson, exact: true }).tap();
    await until(page, () => document.querySelector('[data-panel=side] > .panel-toggle').getAttribute('aria-expanded') === 'true', null, { what: 'the lesson drawer says it is open' });
    await page.locator('article.lesson').waitFor({ state: 'visible' });
    await until(page, () => document.activeElement?.matches('[data-panel=side] .drawer-close'), null, { what: 'focus moves into the open drawer' });
    const drawer = await box(page, '[data-panel=side] > .panel-body');
    assert.ok(drawer.x >= 0 && drawer.x + drawer.width <= PHONE.width + 1, `the drawer is on screen: ${JSON.stringify(drawer)}`);
    await shot(page, `screens-phone-${lang}-2-lesson-drawer`);
    await page.locator('[data-panel=side]').getByRole('button', { name: w.close, exact: true }).tap();
    await page.locator('article.lesson').waitFor({ state: 'hidden' });
    assert.equal(await lessonToggle.getAttribute('aria-expanded'), 'false');
    await until(page, () => document.activeElement?.matches('[data-panel=side] > .panel-toggle'), null, { what: 'focus comes back to the drawer\'s button once it closes' });

    // The palette drawer: opened by its button, closed by Escape.
    await page.getByRole('button', { name: w.components, exact: true }).tap();
    await page.locator('nav.palette').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('nav.palette').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('[data-panel=palette] > .panel-toggle').getAttribute('aria-expanded'), 'false');

    // The lesson's drill, tapped in its drawer: the drawer steps aside and the run plays.
    await page.getByRole('button', { name: w.lesson, exact: true }).tap();
    await page.getByRole('button', { name: w.drill, exact: true }).tap();
    // It asks for a prediction first (predict.test.mjs); a tapped choice runs the drill.
    await page.locator('article.lesson .predict button.choice').first().tap();
    await page.locator('article.lesson').waitFor({ state: 'hidden' });
    await until(page, () => parseFloat(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) > 0, null, { what: 'the drill runs once tapped in the drawer' });

    // Step 5: zoom in, fit again, run, tap the cache and fail it; the charts unfold.
    await page.goto(server.url(`?lang=${lang}&scenario=05-cache`));
    await page.locator('svg.canvas .node').first().waitFor();
    // A finger drag on the empty canvas pans the diagram (real touch events, through CDP).
    const world = () => page.locator('svg.canvas g.world').getAttribute('transform');
    const before = await world();
    const area = await box(page, 'svg.canvas');
    const from = { x: area.x + area.width / 2, y: area.y + 140 };
    const cdp = await g.context.newCDPSession(page);
    const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
    await touch('touchStart', from);
    for (let i = 1; i <= 10; i++) await touch('touchMove', { x: from.x + 6 * i, y: from.y + 4 * i });
    await touch('touchEnd');
    await until(page, (t) => document.querySelector('svg.canvas g.world').getAttribute('transform') !== t, before, { what: 'a finger drag on the empty canvas pans it' });
    // Zoom in twice by tap, then zoom to fit: the whole diagram is back on the phone.
    const panned = await zoom(page);
    await page.locator('.toolbar button.tool').nth(5).tap(); // zoom in
    await page.locator('.toolbar button.tool').nth(5).tap();
    await until(page, (z) => parseFloat(document.querySelector('.toolbar .zoom').textContent) > z, panned, { what: 'taps on zoom in zoom in' });
    const zoomed = await world();
    await page.locator('.toolbar button.tool').nth(6).tap(); // zoom to fit
    await until(page, (t) => {
      const c = document.querySelector('svg.canvas').getBoundingClientRect();
      return document.querySelector('svg.canvas g.world').getAttribute('transform') !== t
        && [...document.querySelectorAll('svg.canvas .node')].every((n) => {
          const r = n.getBoundingClientRect();
          return r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1;
        });
    }, zoomed, { what: 'a tap on zoom to fit brings the whole diagram back on the phone' });
    assert.ok(await allNodesInside(page), 'the whole diagram is on the phone');

    await page.getByRole('button', { name: w.play, exact: true }).tap();
    await until(page, () => parseFloat(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) >= 1, null, { what: 'the clock passes 1 s after a tap on Play' });
    const cache = page.locator('svg.canvas .node[data-id="cache"]');
    const c = await cache.boundingBox();
    await page.touchscreen.tap(c.x + c.width / 2, c.y + c.height / 2);
    await page.locator('fieldset.faults').waitFor();
    await page.locator('fieldset.faults').getByRole('button', { name: w.fail, exact: true }).tap();
    await page.locator('svg.canvas .node.down').first().waitFor();
    await page.getByRole('button', { name: w.showCharts, exact: true }).tap();
    await page.locator('.charts canvas').first().scrollIntoViewIfNeeded();
    await page.locator('.charts canvas').first().waitFor({ state: 'visible' });
    const chart = await box(page, '.charts canvas');
    assert.ok(chart.width >= 300 && chart.x + chart.width <= PHONE.width, `a chart fits the phone: ${JSON.stringify(chart)}`);
    await noSideScroll(page, 'a run with its charts');
    await shot(page, `screens-phone-${lang}-3-run-injected`);
    g.assertClean(assert);
    await g.context.close();
  });

  test(`${lang}: a 1024x768 projector: half the height for the canvas, step 11 fitted, panels fold and are remembered`, async () => {
    const g = await openPage(browser, server.origin, PROJECTOR);
    const { page } = g;
    await page.goto(server.url(`?lang=${lang}&scenario=11-millions`));
    await page.locator('svg.canvas .node').first().waitFor();
    let canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.height >= PROJECTOR.height / 2, `the canvas is at least half the height: ${canvas.height} px of ${PROJECTOR.height}`);
    // The palette starts folded here; the lesson stays open beside the canvas.
    assert.equal(await page.locator('[data-panel=palette] > .panel-toggle').getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('[data-panel=side] > .panel-toggle').getAttribute('aria-expanded'), 'true');

    // Running: the dock fills with numbers, the canvas keeps its half and the diagram refits.
    await page.getByRole('button', { name: w.play, exact: true }).click();
    await until(page, () => parseFloat(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) >= 2, null, { what: 'the clock passes 2 s' });
    await page.locator('.charts canvas').first().waitFor();
    canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.height >= PROJECTOR.height / 2, `still at least half while running: ${canvas.height} px`);
    await until(page, () => {
      const c = document.querySelector('svg.canvas').getBoundingClientRect();
      return [...document.querySelectorAll('svg.canvas .node')].every((n) => { const r = n.getBoundingClientRect(); return r.top >= c.top - 1 && r.bottom <= c.bottom + 1; });
    }, null, { what: 'every node of step 11 fits the canvas once the dock has grown' });
    const running = await zoom(page);
    await shot(page, `screens-projector-${lang}-1-step11-running`);

    // Folding the lesson gives the canvas its width, and the diagram grows or stays.
    await page.locator('[data-panel=side] > .panel-toggle').click();
    await until(page, (w0) => document.querySelector('svg.canvas').getBoundingClientRect().width > w0 + 200, canvas.width, { what: 'the canvas widens when the lesson folds' });
    assert.ok((await zoom(page)) >= running, 'the fitted diagram is no smaller');
    // The palette opens beside it; both choices survive a reload.
    await page.getByRole('button', { name: w.components, exact: true }).click();
    await page.locator('nav.palette').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: w.hideCharts, exact: true }).click();
    await page.locator('.charts').waitFor({ state: 'detached' });
    await shot(page, `screens-projector-${lang}-2-folded`);
    await page.reload();
    await page.locator('svg.canvas .node').first().waitFor();
    assert.equal(await page.locator('[data-panel=palette] > .panel-toggle').getAttribute('aria-expanded'), 'true', 'the palette is remembered open');
    assert.equal(await page.locator('[data-panel=side] > .panel-toggle').getAttribute('aria-expanded'), 'false', 'the lesson is remembered folded');
    await page.getByRole('button', { name: w.showCharts, exact: true }).waitFor();
    canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.height >= PROJECTOR.height * 0.6, `with the charts folded the canvas has more: ${canvas.height} px`);
    await noSideScroll(page, 'the projector');
    g.assertClean(assert);
    await g.context.close();
  });

  test(`${lang}: a 1920x1080 monitor: the canvas takes the room, nothing stretches`, async () => {
    const g = await openPage(browser, server.origin, MONITOR);
    const { page } = g;
    await page.goto(server.url(`?lang=${lang}&scenario=05-cache&autoplay`));
    await page.locator('svg.canvas .node').first().waitFor();
    await until(page, () => parseFloat(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) >= 2, null, { what: 'the clock passes 2 s' });
    await page.locator('.charts canvas').first().waitFor();
    await page.locator('.timeline').waitFor();
    const canvas = await box(page, 'svg.canvas');
    assert.ok(canvas.width >= MONITOR.width * 0.65, `the canvas takes most of the width: ${canvas.width} px`);
    assert.ok(canvas.height >= MONITOR.height * 0.5, `and at least half the height: ${canvas.height} px`);
    // Caps, in CSS px: what each piece needs to be read, no more (static/style.css).
    const widths = await page.evaluate(() => ({
      figures: [...document.querySelectorAll('.charts figure')].map((e) => e.getBoundingClientRect().width),
      timeline: document.querySelector('.run-dock > .timeline').getBoundingClientRect().width,
      side: document.querySelector('.side').getBoundingClientRect().width,
      palette: document.querySelector('nav.palette').getBoundingClientRect().width,
      numbers: document.querySelector('.run-dock > .numbers').getBoundingClientRect().width,
    }));
    for (const f of widths.figures) assert.ok(f <= 481, `a chart is at most 480 px wide: ${f}`);
    assert.ok(widths.timeline <= 1281, `the timeline is at most 1280 px wide: ${widths.timeline}`);
    assert.ok(widths.side <= 361, `the lesson panel is at most 360 px: ${widths.side}`);
    assert.ok(widths.palette <= 200, `the palette is at most 200 px: ${widths.palette}`);
    assert.ok(widths.numbers <= 341, `the numbers column is at most 340 px: ${widths.numbers}`);
    await noSideScroll(page, 'the monitor');
    await shot(page, `screens-monitor-${lang}-1-step5-running`);

    // The editor with a node selected: the inspector in the side panel.
    const node = page.locator('svg.canvas .node').nth(2);
    const b = await node.boundingBox();
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    await page.locator('aside.inspector input[name="name"]').waitFor();
    await shot(page, `screens-monitor-${lang}-2-selected`);
    g.assertClean(assert);
    await g.context.close();
  });
}
