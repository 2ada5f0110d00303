// Rate limiting (issue 16): requests a rate limiter turns away (429) are drawn in the throughput
// chart as a layer of their own, apart from 503s, and named in its legend in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { serve, launch, openPage, until, eventually, shot } from '../lib/harness.mjs';

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

/** Step 3 (1,920 requests/s) with a 1,200/s token bucket on its load balancer, as a share link. */
function limitedLink() {
  const s = JSON.parse(readFileSync(new URL('../../static/scenarios/03-load-balancer.json', import.meta.url), 'utf8'));
  const lb = s.nodes.find((n) => n.id === 'lb');
  lb.rate_limit = { rate_rps: 1200, burst: 200 };
  return '#s=' + deflateRawSync(Buffer.from(JSON.stringify(s))).toString('base64url');
}

/** Whether the throughput chart has pixels of the throttled colour (steel blue 94,129,172). */
const throttledDrawn = () => {
  const c = [...document.querySelectorAll('canvas')].find((x) => /Throughput|처리량/.test(x.getAttribute('aria-label') ?? ''));
  const d = c?.getContext('2d').getImageData(0, 0, c.width, c.height).data ?? [];
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - 94) < 10 && Math.abs(d[i + 1] - 129) < 10 && Math.abs(d[i + 2] - 172) < 10) n++;
  }
  return n;
};

for (const [lang, query] of [['en', ''], ['ko', '?lang=ko']]) {
  test(`throttled requests get their own layer in the throughput chart (${lang})`, async () => {
    const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
    const { page } = g;
    await page.goto(server.url(query + limitedLink()));
    const play = lang === 'en' ? 'Play' : '재생';
    await page.getByRole('button', { name: play, exact: true }).click();
    await eventually(async () => (await page.evaluate(throttledDrawn)) > 20,
      'the throughput chart draws a throttled layer');
    // A few seconds of it, so the screenshot shows the layer beside ok.
    await until(page, () => Number(document.querySelector('[data-metric=clock]')?.textContent.replace(/[^0-9.]/g, '')) >= 6,
      undefined, { what: 'the clock passes 6 s' });
    await shot(page, `throttled-${lang}-1280`);
    await page.setViewportSize({ width: 1024, height: 768 });
    await eventually(async () => (await page.evaluate(throttledDrawn)) > 20,
      'the layer is drawn at 1024 px too');
    await shot(page, `throttled-${lang}-1024`);
    // The load balancer's panel says how many its rate limit turned away, in words.
    await page.locator('svg.canvas .node[data-id="lb"]').click();
    const said = await (await until(page, () => {
      const p = document.querySelector('.inspector .theory[data-theory="lb"] [data-throttled]');
      return p && Number(p.dataset.throttled) > 0 ? p.textContent : null;
    }, undefined, { what: 'the load balancer\'s panel counts its 429s' })).jsonValue();
    await shot(page, `throttled-${lang}-1024-lb`);
    assert.match(said, lang === 'en' ? /rate limit turned away [0-9,]+ requests \(429\)/ : /요청 제한\(429\)으로 시작부터 [0-9,]+건/);
    g.assertClean(assert);
    await g.context.close();
  });
}
