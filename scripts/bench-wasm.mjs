// Times the engine compiled to wasm on the reference network (toolchain.md), in Node and in
// headless Chromium: the module is crates/sim/examples/wasm_digest.rs, which exports
// `reference_requests(sim_seconds) -> requests simulated` and the same for the bare binary-heap
// baseline, `bare_requests`. Prints one line per host:
//   wasm-node     requests/s: N  events/s: M  bare heap: B  engine / bare heap: R  (...)
//   wasm-chromium requests/s: N  events/s: M  bare heap: B  engine / bare heap: R  (...)
// Median of RUNS runs each (default 3), after one warm-up run; engine and baseline runs
// alternate so both see the same load, and R is the median of each pair's ratio. An optional
// third argument labels the lines (e.g. the build profile).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const [wasmPath, simSecondsArg, label = ''] = process.argv.slice(2);
const simSeconds = Number(simSecondsArg || 60);
const runs = Number(process.env.RUNS || 3);
const tag = label ? ` [${label}]` : '';
if (!wasmPath) {
  console.error('usage: node scripts/bench-wasm.mjs FILE.wasm [SIM_SECONDS]');
  process.exit(2);
}
const bytes = readFileSync(wasmPath);

// The measurement itself, run the same way in both hosts.
async function measure(buffer, seconds, runs) {
  const { instance } = await WebAssembly.instantiate(buffer, {});
  const { reference_requests: run, bare_requests: bare, last_events: events } = instance.exports;
  run(Math.min(seconds, 5));
  bare(Math.min(seconds, 5));
  const timed = (f) => {
    const t0 = performance.now();
    const requests = Number(f(seconds));
    const s = (performance.now() - t0) / 1000;
    return { rps: requests / s, eps: Number(events()) / s, requests };
  };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const engine = timed(run);
    const baseline = timed(bare);
    samples.push({ ...engine, bare: baseline.rps, ratio: engine.rps / baseline.rps });
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const sorted = [...samples].sort((a, b) => a.rps - b.rps);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    ...median,
    bare: mid(samples.map((x) => x.bare)),
    ratio: mid(samples.map((x) => x.ratio)),
    all: sorted.map((x) => Math.round(x.rps)),
  };
}

const line = (host, m) =>
  `${host.padEnd(14)} requests/s: ${Math.round(m.rps)}  events/s: ${Math.round(m.eps)}` +
  `  bare heap: ${Math.round(m.bare)}  engine / bare heap: ${m.ratio.toFixed(2)}` +
  `  (${m.requests} requests per run; runs: ${m.all.join(' ')})${tag}`;

const inNode = await measure(bytes, simSeconds, runs);
if (inNode.requests === 0) {
  console.error('bench: the wasm module simulated no requests (fixture failed to load?)');
  process.exit(1);
}
console.log(line('wasm-node', inNode));

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const server = createServer((req, res) => {
  if (req.url === '/bench.wasm') {
    res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><link rel="icon" href="data:,"><title>bench</title>');
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const inChromium = await page.evaluate(
    async ([src, seconds, n]) => {
      const measureInPage = new Function(`return (${src})`)();
      const buffer = await (await fetch('/bench.wasm')).arrayBuffer();
      return measureInPage(buffer, seconds, n);
    },
    [measure.toString(), simSeconds, runs],
  );
  console.log(line('wasm-chromium', inChromium));
  console.log(`chromium version: ${browser.version()}`);
} finally {
  await browser.close();
  server.close();
}
