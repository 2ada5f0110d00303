// Trunk post_build step (run by scripts/post-build.mjs after csp-hash.mjs): for every built-in
// scenario in static/scenarios/, a figure `figures/<name>.svg` drawn by `scaleboard render`, and
// a flat page `embed-<name>.html` beside index.html that embeds that scenario.
//
// Why a page per scenario: an embed is `./?scenario=05-cache&embed`, and a page without
// JavaScript cannot read its own query, so it cannot choose a figure. `embed-05-cache.html` is
// index.html as built (same directory, so its relative asset URLs and its CSP, whose hashes
// cover the unchanged inline loader, hold as they are) plus:
//   - <meta name="scaleboard-embed" content="05-cache">: with JavaScript the app opens that
//     scenario in embed mode (src/location.rs; a query still wins), so the page IS the embed;
//   - its <noscript> showing the figure, its caption, and that the live version needs JavaScript.
//
// The figures are cached in target/embed-figures/ under a hash of the `scaleboard` binary and
// the scenario file, and drawn again only when either changed, so `trunk serve`'s rebuilds cost a no-op cargo build (the
// binary is built in the dev profile, which `cargo test` in scripts/test's model stage already
// built: nothing to compile then).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/// Simulated time each figure shows [s]: a minute, as `scaleboard run` measures by default.
const DURATION_S = 60;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('embed-pages: TRUNK_STAGING_DIR is not set (run me as a Trunk hook or pass a folder)');
  process.exit(2);
}

const started = Date.now();
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
try {
  execFileSync('cargo', ['build', '--quiet', '--locked', '-p', 'scaleboard-cli'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('embed-pages: could not build the scaleboard CLI (cargo build -p scaleboard-cli)');
  process.exit(2);
}
const bin = join(targetDir, 'debug', 'scaleboard');
const cache = join(targetDir, 'embed-figures');
mkdirSync(cache, { recursive: true });
mkdirSync(join(dir, 'figures'), { recursive: true });

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const NOSCRIPT = /<noscript>[\s\S]*?<\/noscript>/;
if (!NOSCRIPT.test(html) || !html.includes('</head>') || !/<title>[\s\S]*?<\/title>/.test(html)) {
  console.error(`embed-pages: ${join(dir, 'index.html')} has no <noscript>, <title> or </head> to fill in`);
  process.exit(2);
}

const escape = (s) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const sha = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

// index.html without its comments and the blank lines Trunk leaves where it took a <link>:
// they explain the source, and every embed page is shipped. Without the preloads of the app's
// module and wasm too: a reader without JavaScript would download the 1.8 MB wasm for nothing
// (Chromium does), while with JavaScript the loader asks for both a moment later anyway. The
// inline loader is kept byte for byte, since the CSP allows it by the hash of those bytes.
function compact(page) {
  return page
    .split(/(<script[\s\S]*?<\/script>)/)
    .map((part) =>
      part.startsWith('<script')
        ? part
        : part
            .replace(/<!--[\s\S]*?-->/g, '')
            .replace(/<link rel="(?:module)?preload"[^>]*>/g, '')
            .replace(/\n[ \t]*(?=\n)/g, '')
            .replace(/\n[ \t]+/g, '\n'),
    )
    .join('');
}

const scenarios = join(root, 'static', 'scenarios');
const names = readdirSync(scenarios)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
// The figure is a function of the program and the file: their hash names it in the cache.
const binHash = sha(readFileSync(bin));
let drawn = 0;
for (const name of names) {
  const source = join(scenarios, `${name}.json`);
  const json = readFileSync(source, 'utf8');
  const scenario = JSON.parse(json);
  const cached = join(cache, `${name}-${sha(binHash, json, String(DURATION_S))}.svg`);
  if (!existsSync(cached)) {
    try {
      execFileSync(bin, ['render', source, '--duration', `${DURATION_S}s`, '--out', cached], { stdio: 'inherit' });
    } catch {
      console.error(`embed-pages: scaleboard render ${source} failed`);
      process.exit(2);
    }
    drawn += 1;
  }
  copyFileSync(cached, join(dir, 'figures', `${name}.svg`));
  const svg = readFileSync(cached, 'utf8');
  const size = svg.match(/<svg width="(\d+)" height="(\d+)"/);
  const seed = scenario.seed ?? 0;
  const title = escape(scenario.name);
  const figure = `<noscript>
      <figure class="static-figure">
        <figcaption><strong>${title}.</strong> ${escape(scenario.description ?? '')}
          Simulated for ${DURATION_S} s with seed ${seed}.
          <span class="static-note">This is a still picture of the simulation. The live version, which you can run, speed up and break, needs JavaScript.</span></figcaption>
        <img src="figures/${name}.svg" width="${size?.[1] ?? 1040}" height="${size?.[2] ?? 800}"
             alt="${title}: the design, coloured by how busy each part is, and its latency and throughput over ${DURATION_S} s" />
      </figure>
    </noscript>`;
  const page = compact(
    html
      .replace(/<title>[\s\S]*?<\/title>/, `<title>Scaleboard: ${title}</title>`)
      .replace('</head>', `<meta name="scaleboard-embed" content="${escape(name)}" />\n</head>`)
      .replace(NOSCRIPT, () => figure),
  );
  writeFileSync(join(dir, `embed-${name}.html`), page);
}
const took = ((Date.now() - started) / 1000).toFixed(1);
console.log(`embed-pages: ${names.length} embed pages and figures (${drawn} drawn, the rest cached) in ${took} s`);
