// Prints what the release build ships (raw and gzipped bytes per file) and fails when the gzipped
// total passes the budget in scripts/size-budget.json. Deterministic: gzip level 9 of fixed bytes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const budget = JSON.parse(readFileSync(new URL('./size-budget.json', import.meta.url))).gzip_total_bytes;
const shipped = ['.wasm', '.js', '.css', '.html'];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const rows = walk(dist)
  .filter((p) => shipped.includes(extname(p)))
  .map((p) => {
    const bytes = readFileSync(p);
    return { file: p.slice(dist.length + 1), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gz - a.gz);
if (!rows.some((r) => r.file.endsWith('.wasm'))) {
  console.error(`size: no .wasm file in ${dist}: did the release build run?`);
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
console.log(`${'file'.padEnd(44)}${'raw'.padStart(11)}${'gzip'.padStart(11)}`);
for (const r of rows) console.log(`${r.file.padEnd(44)}${kb(r.raw)}${kb(r.gz)}`);
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz }), { raw: 0, gz: 0 });
console.log(`${'total'.padEnd(44)}${kb(total.raw)}${kb(total.gz)}   budget ${kb(budget).trim()} gzipped`);
if (total.gz > budget) {
  console.error(`size: ${total.gz} gzipped bytes shipped, over the budget of ${budget} (scripts/size-budget.json)`);
  process.exit(1);
}
