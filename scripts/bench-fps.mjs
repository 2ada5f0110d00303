// Frames per second while a scenario runs live: opens a built-in scenario (or a generated one of
// 2,000 nodes, as a share link) in the release build,
// presses Play at a given speed with real clicks, and records every requestAnimationFrame
// interval in the page for a few seconds, together with how far the simulated clock moved.
// Each case runs twice, side by side: with the engine in its worker (the default) and on the
// page (`?engine=page`, the fallback, under a 7 ms per-frame budget), so what the worker buys is
// measured in one run rather than quoted.
//
//   node scripts/bench-fps.mjs [seconds per case, default 8]      (or: scripts/bench --fps)
//   BENCH_ONLY=compare-05-06 node scripts/bench-fps.mjs          (one scenario's cases)
//
// Needs dist/ (trunk build --release) and e2e/node_modules (scripts/setup). A measurement, not
// a test: nothing is asserted; docs/benchmarks.md records the figures with the machine.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { serve, launch, openPage } from '../e2e/lib/harness.mjs';
import { rowsOfWebServers, shareHash } from './diagram.mjs';

const SECONDS = Number(process.argv[2] || 8);
const CASES = [
  ['11-millions', 'x1'],
  ['11-millions', 'x10'],
  ['11-millions', 'max'],
  ['05-cache', 'max'],
  ['2000-nodes', 'x1'],
  ['compare-05-06', 'x10'],
].filter(([scenario]) => !process.env.BENCH_ONLY || scenario === process.env.BENCH_ONLY)
  .flatMap(([scenario, speed]) => [[scenario, speed, 'worker'], [scenario, speed, 'page']]);

/** The page to open for a case: a built-in scenario by name, or the generated one as a link. */
function address(url, scenario, engine) {
  const query = engine === 'page' ? '?engine=page' : '';
  if (scenario === '2000-nodes') {
    // 2,000 nodes: 40 rows of users -> load balancer -> 46 web servers -> cache, database, each
    // row at 200 requests/s (the web servers far from busy: this measures drawing).
    return url(query + shareHash(rowsOfWebServers({ rows: 40, webs: 46, rate: 200, cacheWires: true, name: '2,000 nodes' })));
  }
  if (scenario === 'compare-05-06') {
    // Two 4,480 requests/s designs compared (the cache step and the CDN step): two engines,
    // one clock.
    return url(`?scenario=05-cache&compare=06-cdn${query.replace('?', '&')}`);
  }
  return url(`?scenario=${scenario}${query.replace('?', '&')}`);
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function measure(browser, origin, url, scenario, speed, engine) {
  const g = await openPage(browser, origin, { width: 1440, height: 900 });
  const { page } = g;
  await page.goto(address(url, scenario, engine));
  await page.locator('svg.canvas .node').first().waitFor();
  await page.waitForFunction((e) => document.querySelector('.run-dock')?.dataset.engine === e, engine);
  await page.locator('.run-dock select[aria-label=Speed]').selectOption(speed);
  await page.locator('.run-dock button.primary', { hasText: 'Play' }).click();
  // Let the run settle (charts filled, caches warm) before measuring [ms of wall time].
  await page.waitForTimeout(2000);
  const clock = async () => Number((await page.locator('[data-metric=clock]').textContent()).replace(/[^0-9.]/g, ''));
  const t0 = await clock();
  const frames = await page.evaluate(
    (ms) =>
      new Promise((done) => {
        const stamps = [];
        const start = performance.now();
        const tick = (t) => {
          stamps.push(t);
          if (t - start < ms) requestAnimationFrame(tick);
          else done(stamps);
        };
        requestAnimationFrame(tick);
      }),
    SECONDS * 1000,
  );
  const t1 = await clock();
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const wall = (frames[frames.length - 1] - frames[0]) / 1000;
  const behind = await page.locator('.run-dock .behind').count();
  await g.context.close();
  return {
    scenario,
    speed,
    engine,
    fps: gaps.length / wall,
    median: quantile(gaps, 0.5),
    p95: quantile(gaps, 0.95),
    max: Math.max(...gaps),
    simPerWall: (t1 - t0) / wall,
    behind: behind > 0,
    problems: g.problems,
  };
}

const server = await serve();
const browser = await launch();
const version = execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
console.log(`machine: ${cpus().length} cores, ${cpus()[0].model}, ${version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${SECONDS} s per case; frame intervals in ms; sim/wall = simulated seconds per wall second`);
console.log('| scenario | speed | engine | fps | median | p95 | max | sim/wall | behind |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [scenario, speed, engine] of CASES) {
  const r = await measure(browser, server.origin, server.url, scenario, speed, engine);
  console.log(
    `| ${r.scenario} | ${r.speed} | ${r.engine} | ${r.fps.toFixed(1)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.simPerWall.toFixed(2)} | ${r.behind ? 'yes' : 'no'} |`,
  );
  if (r.problems.length) console.log(`  page problems: ${r.problems.slice(0, 3).join('; ')}`);
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
await browser.close();
await server.close();
