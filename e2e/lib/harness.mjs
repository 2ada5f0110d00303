// Shared by every end-to-end test: a static server for the release build on 127.0.0.1, mounted
// under a sub-path (the app must not assume it sits at "/"), and Debian's Chromium driven by
// playwright-core with a guard that fails the test on any console error, page error, or request
// that leaves the page's own origin.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { join, extname, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.SCALEBOARD_DIST || join(HERE, '..', '..', 'dist');
export const SHOTS = join(HERE, '..', 'screenshots');
/** The sub-path the app is served from, as a static host might. */
export const BASE = '/docs/scaleboard/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * Serves DIST under BASE, plus `extra` pages ({ '/path': html }) at the root, on a free port.
 * Returns { origin, url(pathAndQuery), close() }.
 */
export async function serve(extra = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[path] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(extra[path]);
      return;
    }
    if (!path.startsWith(BASE)) {
      res.writeHead(404).end('not under ' + BASE);
      return;
    }
    let rel = normalize(path.slice(BASE.length));
    if (rel === '.' || rel === '' || rel.endsWith('/')) rel = join(rel, 'index.html');
    if (rel.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('no such file: ' + rel);
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (rest = '') => `${origin}${BASE}${rest}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Debian's Chromium, headless, with everything that would reach the closed network turned off. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page whose every console error, page error and foreign request is collected.
 * Call `guard.assertClean()` at the end of a test.
 */
export async function openPage(browser, origin, viewport = { width: 1280, height: 800 }, options = {}) {
  // `options`: more of the context's settings, e.g. `{ hasTouch: true, isMobile: true }` for a phone.
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
  });
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText ?? '';
    // A page reloaded or closed while the engine's worker still loads the app's module or wasm,
    // or while the browser fetches the icon (the app opens a comparison or its editor by
    // reloading), cancels that load: a cancellation, not a failure. Anything else is reported.
    const own = new URL(req.url()).origin === origin && /\.(js|wasm|svg)$/.test(new URL(req.url()).pathname);
    if (own && error === 'net::ERR_ABORTED' && !req.isNavigationRequest()) return;
    problems.push(`request failed: ${req.url()} ${error}`);
  });
  return {
    page,
    context,
    problems,
    assertClean(assert) {
      assert.deepEqual(problems, [], 'the page must log no error and reach no other origin');
    },
  };
}

/** Saves a screenshot into e2e/screenshots/ (git-ignored) for a person to look at. */
export async function shot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** How long a condition may take to come true [ms of wall time]: generous, for a busy 2-core CI. */
export const WAIT_MS = 30_000;

/**
 * Waits until `fn(arg)`, run in the page, returns something truthy, and returns it. On a timeout
 * it fails with what never happened: `what`, or else the condition's own source.
 */
export async function until(page, fn, arg, { what, timeout = WAIT_MS, polling = 50 } = {}) {
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling });
  } catch (e) {
    const cond = what ?? String(fn).replace(/\s+/g, ' ');
    throw new Error(`never happened within ${timeout} ms: ${cond}\n(${e.message.split('\n')[0]})`);
  }
}

/**
 * Waits until the async `probe()`, run in the test, returns something truthy, and returns it; a
 * probe that throws counts as not yet. For conditions read through locators (frames, styles).
 */
export async function eventually(probe, what, { timeout = WAIT_MS, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) {
      throw new Error(`never happened within ${timeout} ms: ${what} (last seen: ${JSON.stringify(last)})`);
    }
    await new Promise((ok) => setTimeout(ok, interval)); // a polling period, not a synchronisation
  }
}
