// The same walk through the app in every engine its users bring besides Chromium: Firefox
// (Gecko, through geckodriver) and WebKitGTK (WebKit, the engine behind Safari, through
// WebKitWebDriver). Real pointer drags and key presses over the W3C WebDriver protocol
// (lib/webdriver.mjs), a screenshot per step per engine in e2e/screenshots/engines-*.png, and
// no page error anywhere. SCALEBOARD_ENGINES=firefox (or webkit) runs one engine only.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { serve } from '../lib/harness.mjs';
import { startEngine, ENGINES } from '../lib/webdriver.mjs';

const chosen = (process.env.SCALEBOARD_ENGINES || Object.keys(ENGINES).join(','))
  .split(',').map((s) => s.trim()).filter(Boolean);
/** Where the versions met are written, for scripts/test's summary and the README. */
const VERSIONS = new URL('../../target/test-logs/engines.json', import.meta.url);
const met = {};

const scenario = async (name) => JSON.parse(await readFile(new URL(`../../static/scenarios/${name}.json`, import.meta.url), 'utf8'));

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
  await mkdir(new URL('.', VERSIONS), { recursive: true });
  await writeFile(VERSIONS, JSON.stringify(met, null, 2) + '\n');
});

for (const engine of chosen) {
  describe(`in ${ENGINES[engine]?.label ?? engine}`, () => {
    let b;
    const name = (step) => `engines-${engine}-${step}`;
    /** Fails with every error the page logged since it loaded, if any. */
    const clean = async (where) => assert.deepEqual(await b.errors(), [], `${b.name}: no page error ${where}`);

    before(async () => {
      b = await startEngine(engine);
      met[engine] = { engine: b.name, version: b.version };
      console.log(`engine: ${b.name} ${b.version}`);
      const size = await b.viewport(1280, 800);
      assert.deepEqual(size, { w: 1280, h: 800 }, `${b.name}: a 1280x800 viewport`);
    });
    after(async () => {
      await b?.quit();
    });

    test('first screen: the welcome over a drawn diagram; Enter starts the journey', async () => {
      await b.go(server.url());
      await b.find('[role=dialog]');
      await b.until(() => document.querySelectorAll('svg.canvas .node').length > 0, undefined, { what: 'the diagram behind the welcome is drawn' });
      await b.shot(name('1-first-screen'));
      // Keyboard first: the welcome's main choice has focus, Enter takes it.
      await b.keys('\uE007');
      await b.until(() => !document.querySelector('[role=dialog]') && document.querySelector('article.lesson')?.dataset.lesson,
        undefined, { what: 'the welcome closes and step 1 of the journey opens' });
      // The engine says where it runs; on the page, the app says why (a notice), never silently.
      const place = await b.until(() => {
        const dock = document.querySelector('.run-dock');
        return dock && dock.dataset.engine !== 'starting' && dock.dataset.engine;
      }, undefined, { what: 'the engine starts, in its worker or on the page' });
      met[engine].engine_place = place;
      if (place === 'page') await b.find('[data-notice=engine-on-page]');
      await clean('on the first screen');
    });

    test('a journey step opens from the menu with its diagram and lesson', async () => {
      const doc = await scenario('05-cache');
      await b.choose('select.journey', '05-cache');
      await b.find('article.lesson[data-lesson="05-cache"]');
      await b.until((n) => document.querySelectorAll('svg.canvas .node').length === n, doc.nodes.length,
        { what: `the step's ${doc.nodes.length} nodes are drawn` });
      await b.shot(name('2-journey-step'));
      await clean('opening a step');
    });

    test('a node moves under a real pointer drag, as one undoable edit', async () => {
      const sel = 'svg.canvas .node[data-id="web-4"]';
      const before = await b.run((s) => document.querySelector(s).getAttribute('transform'), sel);
      const from = await b.centre(sel);
      await b.drag(from, { x: from.x + 90, y: from.y + 70 }, 12);
      await b.until((a) => document.querySelector(a.sel).getAttribute('transform') !== a.before, { sel, before },
        { what: 'the dragged node is drawn where it was dropped' });
      await b.until(() => document.querySelector('button[aria-label=Undo]')?.disabled === false, undefined,
        { what: 'the move can be undone' });
      await b.keys('\uE00C'); // Escape: back to the lesson
      await clean('dragging');
    });

    test('play: the clock runs and the numbers and charts fill', async () => {
      await b.choose('.run-dock select[aria-label=Speed]', 'x5');
      await b.click('.run-dock button.primary');
      await b.until((s) => Number(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) > s, 4,
        { what: 'the run passes 4 s of simulated time' });
      const numbers = await b.until(() => {
        const read = (m) => document.querySelector(`[data-metric=${m}]`)?.textContent ?? '';
        const ok = Number(read('ok-rps').replace(/[^0-9.]/g, ''));
        return ok > 0 && { ok: read('ok-rps'), p50: read('p50'), p99: read('p99'), errors: read('error-pct') };
      }, undefined, { what: 'the dock shows a served rate above zero' });
      assert.match(numbers.p99, /ms/, `${b.name}: p99 is a time (${numbers.p99})`);
      // The charts are drawn: some pixel of a chart canvas is not blank.
      await b.until(() => [...document.querySelectorAll('.run-dock canvas')].some((c) => {
        if (!c.width || !c.height) return false;
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < px.length; i += 4 * 97) if (px[i] !== 0) return true;
        return false;
      }), undefined, { what: 'a chart canvas of the dock has something drawn on it' });
      await b.shot(name('3-playing'));
      await clean('while playing');
    });

    test('failing the cache sends every read to the replicas: latency climbs', async () => {
      // The dock's p50 [ms]; it switches to seconds past 1,000 ms.
      const p50 = (above) => {
        const s = document.querySelector('[data-metric=p50]')?.textContent.trim() ?? '';
        const v = Number(s.replace(/[^0-9.]/g, ''));
        const ms = /ms$/.test(s) ? v : v * 1000;
        return above === undefined ? ms : ms > Math.max(3 * above, above + 20);
      };
      const before = await b.run(p50);
      const sel = 'svg.canvas .node[data-id="cache"]';
      await b.drag(await b.centre(sel), await b.centre(sel), 1); // a press and release: a click
      await b.clickText('.run-dock fieldset.faults button', 'Fail');
      await b.find('svg.canvas .node.down[data-id="cache"]');
      await b.until(p50, before,
        { what: `p50 rises well above its ${before} ms with the cache down`, timeout: 60_000 });
      await b.shot(name('4-cache-down'));
      await b.click('.run-dock button.primary'); // pause
      // Paused at "now": the replay slider's thumb is at its end (a range input rounds its value
      // to whole steps, and Firefox once drew a live clock of 7.8 s at 7 of 7.8).
      await b.until(() => {
        const r = document.querySelector('.timeline input[type=range]');
        return r && Number(r.value) === Number(r.max);
      }, undefined, { what: 'the replay slider sits at its end when showing now' });
      await clean('failing a node');
    });

    test('record: a GIF, and a WebM where the engine records video, or the app says there is none', async () => {
      const video = await b.run(() => typeof MediaRecorder === 'function' && MediaRecorder.isTypeSupported('video/webm')
        && 'captureStream' in HTMLCanvasElement.prototype);
      met[engine].webm_video = video;
      await b.clickText('.run-dock .record button', 'Record');
      const said = await b.until(() => {
        const r = document.querySelector('.run-dock .record');
        return r?.dataset.record === 'saved' && r.textContent;
      }, undefined, { what: 'the recording is saved', timeout: 90_000 });
      assert.match(said, /Saved .*\.gif/, `${b.name}: the GIF is saved (${said})`);
      if (video) {
        assert.match(said, /Save WebM/, `${b.name} records WebM: the app offers it (${said})`);
      } else {
        assert.match(said, /No video: this browser cannot record WebM/, `${b.name} records no WebM: the app says so (${said})`);
      }
      await b.shot(name('5-recorded'));
      await clean('recording');
      // MiniBrowser opens a download bar for the GIF, which takes height from the page.
      assert.deepEqual(await b.viewport(1280, 800), { w: 1280, h: 800 }, `${b.name}: the viewport is 1280x800 again`);
    });

    test('a share link opens the same diagram in a fresh page', async () => {
      const drawn = () => [...document.querySelectorAll('svg.canvas .node')].map((n) => `${n.dataset.id} ${n.getAttribute('transform')}`).sort();
      const here = await b.run(drawn);
      await b.clickText('button', 'Copy link');
      const link = await b.until(() => document.querySelector('.banner input.copy')?.value, undefined,
        { what: 'the banner shows the share link' });
      assert.ok(link.startsWith(server.url() + '#s='), `${b.name}: a share link of this page: ${link}`);
      await b.go('about:blank');
      await b.go(link);
      await b.until((n) => document.querySelectorAll('svg.canvas .node').length === n, here.length, { what: 'the link draws its diagram' });
      assert.deepEqual(await b.run(drawn), here, `${b.name}: the link opens the same diagram, moved node included`);
      await b.shot(name('6-share-link'));
      await clean('opening a share link');
    });

    test('presenter mode fills the screen with the diagram, four live tiles and a caption; Escape leaves', async () => {
      await b.clickText('button', 'Present');
      await b.until(() => document.documentElement.hasAttribute('data-presenting')
        && document.querySelectorAll('.presenter-live .tile').length === 4
        && document.querySelector('.presenter-caption') !== null,
      undefined, { what: 'presenter mode with its four tiles and caption' });
      // Whether the engine granted the Fullscreen API or not, the page fills the window.
      const fill = await b.run(() => {
        const r = document.querySelector('svg.canvas').getBoundingClientRect();
        return { w: r.width / innerWidth, fullscreen: !!document.fullscreenElement };
      });
      met[engine].fullscreen_granted = fill.fullscreen;
      assert.ok(fill.w > 0.6, `${b.name}: the diagram takes most of the width (${fill.w})`);
      await b.shot(name('7-presenting'));
      await b.keys('\uE00C'); // Escape
      await b.until(() => !document.documentElement.hasAttribute('data-presenting'), undefined,
        { what: 'Escape leaves presenter mode' });
      await clean('presenting');
    });

    test('the embed demo runs both of its scenarios inside documentation text', async () => {
      await b.go(server.url('embed-demo.html'));
      // A reader scrolls to each: the frames load lazily and run only while in view.
      for (const id of ['cache', 'dcs']) {
        await b.run((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
        await b.until((i) => {
          const d = document.getElementById(i)?.contentDocument;
          return Number(d?.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '') ?? 0) > 0.5;
        }, id, { what: `the embedded run #${id} plays on its own once in view (its clock past 0.5 s)` });
        await b.shot(name(`8-embed-demo-${id}`));
      }
      const lang = await b.run(() => document.getElementById('dcs').contentDocument.documentElement.lang);
      assert.equal(lang, 'ko', `${b.name}: the second embed is in Korean, as its URL asks`);
      const errors = await b.run(() => ['cache', 'dcs'].flatMap((id) => document.getElementById(id).contentWindow.__sbErrors ?? []));
      assert.deepEqual(errors, [], `${b.name}: no error inside the embeds`);
      await clean('on the embed demo');
    });
  });
}
