// The interface in Korean, as a visitor with a Korean browser meets it: the language follows the
// browser, `?lang=` overrides it, and a live run shows Korean controls, numbers and charts with
// no text spilling out of its box at a laptop's and a small screen's size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, shot, until, eventually } from '../lib/harness.mjs';

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

/** A page in a browser whose language is `locale`, failing on any error or foreign request. */
async function open(locale, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== server.origin) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  return { page, context, problems };
}

/** Controls whose text is wider or taller than their box. */
function overflowing(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, label, select, legend, dt, dd, th, h2, .palette-item span')]
      .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`));
}

test('a Korean browser gets the Korean interface; ?lang=en overrides it', async () => {
  const { page, context, problems } = await open('ko-KR');
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('html[lang="ko"]').waitFor();
  await page.locator('svg.canvas .node').first().waitFor();
  assert.equal((await page.locator('.palette h2').textContent()).trim(), '구성 요소');
  assert.equal(await page.locator('.palette button[data-kind="load_balancer"]').getAttribute('aria-label'), '로드밸런서');
  assert.equal(await page.locator('select.lang').inputValue(), 'ko');
  assert.match(await page.title(), /서버 한 대에서/);

  await page.goto(server.url('?scenario=05-cache&lang=en'));
  await page.locator('html[lang="en"]').waitFor();
  await page.locator('svg.canvas .node').first().waitFor();
  assert.equal((await page.locator('.palette h2').textContent()).trim(), 'Components');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
  test(`a live run in Korean at ${viewport.width}x${viewport.height}: controls, numbers, charts`, async () => {
    const { page, context, problems } = await open('ko-KR', viewport);
    await page.goto(server.url('?scenario=05-cache&lang=ko'));
    await page.locator('svg.canvas .node').first().waitFor();
    await page.getByRole('button', { name: '재생', exact: true }).click();
    await page.locator('.run-dock button.primary', { hasText: '일시정지' }).waitFor();
    await until(page, () => document.querySelectorAll('.numbers dt').length > 0);
    // A few simulated seconds, so the charts have lines to show.
    await until(page, () => parseFloat(document.querySelector('[data-metric=clock]').textContent.replace(/[^0-9.]/g, '')) >= 3, null, { what: 'the clock passes 3 s of simulated time' });
    const heads = await page.locator('.numbers dt').allTextContents();
    for (const h of ['성공', '실패', '오류율', '타임아웃', '지금 최고 부하']) assert.ok(heads.includes(h), `${h} in ${heads}`);
    const captions = await page.locator('.charts figcaption').allTextContents();
    assert.match(captions[0], /^지연 시간/);
    assert.match(captions[1], /^처리량/);

    // Select the cache: its kind in Korean in the inspector, and the fault buttons.
    const cache = page.locator('svg.canvas .node[aria-label^="캐시:"]');
    const box = await cache.boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('fieldset.faults legend', { hasText: '장애 주입' }).waitFor();
    await page.getByRole('button', { name: '다운', exact: true }).click();
    await page.locator('svg.canvas .node.down[aria-label^="캐시:"]').waitFor();
    assert.match(await page.locator('aside.inspector').textContent(), /캐시 ·/);
    assert.deepEqual(await overflowing(page), [], 'no Korean text spills out of its box');
    const rows = await page.evaluate(() =>
      new Set([...document.querySelectorAll('.topbar nav.file > *')].map((e) => Math.round(e.getBoundingClientRect().top))).size);
    assert.equal(rows, 1, `the Korean file buttons fit on one row at ${viewport.width} px`);
    await shot(page, `i18n-ko-live-${viewport.width}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
