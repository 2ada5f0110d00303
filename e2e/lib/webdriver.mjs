// A small client of the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/) for the
// engines Playwright cannot drive here: Firefox through geckodriver and WebKitGTK (Safari's
// engine) through WebKitWebDriver, both from Debian's packages. Playwright drives only its own
// builds of those engines, which cannot be downloaded on this network. The protocol is a handful
// of JSON requests, so this speaks it directly with Node's fetch rather than adding a client
// library and its dependencies.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SHOTS, WAIT_MS } from './harness.mjs';

/** The key WebDriver names a found element by. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** The build's folder, where drivers keep their logs and homes. */
const TARGET = join(SHOTS, '..', '..', 'target');
/** How long a driver may take to answer its first status request [ms]: a busy 2-core CI. */
const DRIVER_START_MS = 60_000;

/**
 * Debian's Firefox and the prefs that keep it off the closed network (no updates, telemetry or
 * safe-browsing lists), shared with the wasm-bindgen tests' Firefox stage (scripts/test).
 */
const FIREFOX_OPTIONS = JSON.parse(
  readFileSync(new URL('../../scripts/webdriver-firefox.json', import.meta.url), 'utf8'),
)['moz:firefoxOptions'];

/** What each engine needs: its driver, how to start it, and the capabilities asked for. */
export const ENGINES = {
  firefox: {
    label: 'Firefox',
    driver: process.env.GECKODRIVER || 'geckodriver',
    command: (driver, port) => [driver, ['--host', '127.0.0.1', '--port', String(port)]],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': { ...FIREFOX_OPTIONS, binary: process.env.FIREFOX || FIREFOX_OPTIONS.binary, args: ['-headless'] },
    },
  },
  webkit: {
    label: 'WebKitGTK',
    driver: process.env.WEBKITWEBDRIVER || 'WebKitWebDriver',
    // MiniBrowser draws into a window: a virtual X display of its own (xvfb-run -a picks a free
    // display number), so the run needs no screen and never meets another run's display.
    command: (driver, port) => ['xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24', driver, `--port=${port}`]],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  },
};

/** A free TCP port on 127.0.0.1 for a driver to listen on. */
async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Starts `engine`'s driver and one browser session in it. Returns a `Browser`; call `quit()`
 * when done. The driver's own log goes to target/test-logs/<engine>-driver.log for a failure.
 */
export async function startEngine(engine) {
  const spec = ENGINES[engine];
  if (!spec) throw new Error(`no engine called ${engine}: ${Object.keys(ENGINES).join(', ')}`);
  const port = await freePort();
  const logDir = join(TARGET, 'test-logs');
  await mkdir(logDir, { recursive: true });
  const log = await open(join(logDir, `${engine}-driver.log`), 'w');
  const [cmd, args] = spec.command(spec.driver, port);
  // A home of its own: both browsers save a recording's downloads in ~/Downloads, which would
  // grow by a GIF (and a WebM) a run; this one is removed on quit.
  const home = join(TARGET, `${engine}-home`);
  await rm(home, { recursive: true, force: true });
  await mkdir(home, { recursive: true });
  // Its own process group, so quitting ends xvfb-run's Xvfb and the browser too.
  const child = spawn(cmd, args, {
    stdio: ['ignore', log.fd, log.fd],
    detached: true,
    env: { ...process.env, HOME: home },
  });
  let gone = null; // how the driver ended, once it has
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok((gone = `exited (${code ?? signal})`))));
  child.on('error', () => {});
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + DRIVER_START_MS;
  for (;;) {
    if (gone) throw new Error(`${cmd} ${gone} before it answered; see ${engine}-driver.log`);
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      throw new Error(`${cmd} did not answer on port ${port} within ${DRIVER_START_MS} ms`);
    }
    await pause(100); // a polling period
  }
  const b = new Browser({ name: spec.label, base, child, exited, log, home });
  const value = await b.req('POST', '/session', { capabilities: { alwaysMatch: spec.capabilities } }, false);
  b.session = value.sessionId;
  b.version = value.capabilities.browserVersion;
  await b.req('POST', '/timeouts', { script: WAIT_MS, pageLoad: 120_000, implicit: 0 });
  return b;
}

/** One browser session. Scripts passed to `run` are functions, sent as their source. */
export class Browser {
  /**
   * `name`: the engine's, for messages; `base`: the driver's address; `child`, `exited`: its
   * process and when it ended; `log`: its log file; `home`: its home folder, removed on quit.
   */
  constructor({ name, base, child, exited, log, home }) {
    Object.assign(this, { name, base, child, exited, log, home });
  }

  /** One protocol request; a WebDriver error becomes a thrown Error naming the request. */
  async req(method, path, body, inSession = true) {
    const url = `${this.base}${inSession ? `/session/${this.session}` : ''}${path}`;
    const r = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.name}: ${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    }
    if (!r.ok || (json.value && json.value.error)) {
      const v = json.value ?? {};
      throw new Error(`${this.name}: ${method} ${path}: ${v.error}: ${v.message}`);
    }
    return json.value;
  }

  /** Opens `url` and waits for it to load; then starts collecting the page's errors. */
  async go(url) {
    await this.req('POST', '/url', { url });
    await this.watchErrors();
  }

  /**
   * Records every uncaught error, unhandled rejection and console.error of the page from now on
   * (WebDriver classic has no log of its own), read back by `errors()`.
   */
  async watchErrors() {
    await this.run(() => {
      if (window.__sbErrors) return;
      window.__sbErrors = [];
      addEventListener('error', (e) => window.__sbErrors.push(`page error: ${e.message}`));
      addEventListener('unhandledrejection', (e) => window.__sbErrors.push(`unhandled rejection: ${e.reason}`));
      const original = console.error.bind(console);
      console.error = (...a) => {
        window.__sbErrors.push(`console error: ${a.join(' ')}`);
        original(...a);
      };
    });
  }

  /** The page's errors since `watchErrors` (an empty list when all is well). */
  async errors() {
    return this.run(() => window.__sbErrors ?? ['the page lost its error log (it reloaded?)']);
  }

  /** Runs `fn(...args)` in the page and returns its result (JSON values only). */
  async run(fn, ...args) {
    return this.req('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args });
  }

  /**
   * Polls `fn(arg)` in the page until it returns something truthy, and returns that. On a
   * timeout it fails with what never happened, and the last value seen.
   */
  async until(fn, arg, { what, timeout = WAIT_MS, interval = 100 } = {}) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.run(fn, arg);
        if (last) return last;
      } catch (e) {
        last = e.message;
      }
      if (Date.now() > deadline) {
        const cond = what ?? String(fn).replace(/\s+/g, ' ');
        throw new Error(`${this.name}: never happened within ${timeout} ms: ${cond} (last seen: ${JSON.stringify(last)})`);
      }
      await pause(interval); // a polling period, not a synchronisation
    }
  }

  /** The first element matching `css`, waiting for it to exist. */
  async find(css, { timeout = WAIT_MS } = {}) {
    await this.until((s) => !!document.querySelector(s), css, { what: `an element matching ${css}`, timeout });
    const v = await this.req('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  /** Clicks the first element matching `css` the way a person does (scrolled into view). */
  async click(css) {
    const id = await this.find(css);
    await this.req('POST', `/element/${id}/click`, {});
  }

  /** Clicks the first element matching `css` whose text is `text`, as a person picks a button. */
  async clickText(css, text) {
    const at = await this.until((a) => {
      const i = [...document.querySelectorAll(a.css)].findIndex((e) => e.textContent.trim() === a.text);
      return i + 1;
    }, { css, text }, { what: `an element matching ${css} that reads "${text}"` });
    const all = await this.req('POST', '/elements', { using: 'css selector', value: css });
    await this.req('POST', `/element/${all[at - 1][ELEMENT]}/click`, {});
  }

  /** Sets a <select> matching `css` to `value` and tells the page, as picking it would. */
  async choose(css, value) {
    await this.find(css);
    await this.run((s, v) => {
      const el = document.querySelector(s);
      el.value = v;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, css, value);
  }

  /** The centre of the first element matching `css`, in whole viewport pixels. */
  async centre(css) {
    await this.find(css);
    return this.run((s) => {
      const r = document.querySelector(s).getBoundingClientRect();
      return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) };
    }, css);
  }

  /** A real pointer drag: press at `from`, move there in `steps` moves, release at `to`. */
  async drag(from, to, steps = 10) {
    const moves = [];
    for (let i = 1; i <= steps; i++) {
      const x = Math.round(from.x + ((to.x - from.x) * i) / steps);
      const y = Math.round(from.y + ((to.y - from.y) * i) / steps);
      moves.push({ type: 'pointerMove', duration: 16, origin: 'viewport', x, y });
    }
    await this.req('POST', '/actions', {
      actions: [{
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x: from.x, y: from.y },
          { type: 'pointerDown', button: 0 },
          ...moves,
          { type: 'pointerUp', button: 0 },
        ],
      }],
    });
    await this.req('DELETE', '/actions');
  }

  /** Presses and releases keys (WebDriver key values, e.g. '\uE00C' for Escape). */
  async keys(...values) {
    const actions = values.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
    await this.req('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.req('DELETE', '/actions');
  }

  /**
   * Makes the page's viewport `width` x `height` CSS px: the window is sized, then corrected by
   * what its frame and toolbars take. A window manager may apply a size a moment after the
   * request answers, so each correction waits for the page to see its new size.
   */
  async viewport(width, height) {
    const inner = () => this.run(() => ({ w: innerWidth, h: innerHeight }));
    let seen = await inner();
    for (let attempt = 0; attempt < 5 && (seen.w !== width || seen.h !== height); attempt++) {
      const outer = await this.req('GET', '/window/rect');
      const want = { width: outer.width + width - seen.w, height: outer.height + height - seen.h };
      await this.req('POST', '/window/rect', want);
      const before = seen;
      const deadline = Date.now() + 5_000;
      do {
        await pause(50); // a polling period
        seen = await inner();
      } while (seen.w === before.w && seen.h === before.h && Date.now() < deadline);
    }
    return seen;
  }

  /** Saves the viewport as e2e/screenshots/<name>.png (git-ignored) for a person to look at. */
  async shot(name) {
    const png = Buffer.from(await this.req('GET', '/screenshot'), 'base64');
    await mkdir(SHOTS, { recursive: true });
    await writeFile(join(SHOTS, `${name}.png`), png);
  }

  /** Ends the session and the driver (with its display and browser). */
  async quit() {
    try {
      if (this.session) await this.req('DELETE', '');
    } catch {
      // The browser already went; the driver is ended below either way.
    }
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    // The driver's group may still be writing in its home while it ends.
    await Promise.race([this.exited, pause(10_000)]);
    await this.log.close();
    await rm(this.home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
  }
}
