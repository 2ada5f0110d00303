// Times the engine compiled to wasm on the reference network (toolchain.md), in Node and in
// headless Chromium: the module is crates/sim/examples/wasm_digest.rs, which exports
// `reference_requests(sim_seconds) -> requests simulated`. Prints one line per host:
//   wasm-node     requests/s: N
//   wasm-chromium requests/s: N
// Median of 3 runs each, after one warm-up run.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const [wasmPath, simSecondsArg] = process.argv.slice(2);
const simSeconds = Number(simSecondsArg || 60);
if (!wasmPath) {
  console.error('usage: node scripts/bench-wasm.mjs FILE.wasm [SIM_SECONDS]');
  process.exit(2);
}
const bytes = readFileSync(wasmPath);

// The measurement itself, run the same way in both hosts.
async function measure(buffer, seconds) {
  const { instance } = await WebAssembly.instantiate(buffer, {});
  const run = instance.exports.reference_requests;
  run(Math.min(seconds, 5));
  const rates = [];
  let requests = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    requests = Number(run(seconds));
    const ms = performance.now() - t0;
    rates.push(requests / (ms / 1000));
  }
  rates.sort((a, b) => a - b);
  return { rps: rates[1], requests };
}

const inNode = await measure(bytes, simSeconds);
if (inNode.requests === 0) {
  console.error('bench: the wasm module simulated no requests (fixture failed to load?)');
  process.exit(1);
}
console.log(`wasm-node     requests/s: ${Math.round(inNode.rps)}  (${inNode.requests} requests per run)`);

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
    async ([src, seconds]) => {
      const measureInPage = new Function(`return (${src})`)();
      const buffer = await (await fetch('/bench.wasm')).arrayBuffer();
      return measureInPage(buffer, seconds);
    },
    [measure.toString(), simSeconds],
  );
  console.log(`wasm-chromium requests/s: ${Math.round(inChromium.rps)}  (${inChromium.requests} requests per run)`);
} finally {
  await browser.close();
  server.close();
}
