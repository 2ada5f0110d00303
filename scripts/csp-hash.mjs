// Trunk post_build hook: put the SHA-256 hash of every inline <script> of the built page into its
// Content-Security-Policy, replacing the placeholder 'inline-script-hashes'. Trunk's loader is
// an inline module script, and a hash lets exactly that script run without 'unsafe-inline'.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (run me as a Trunk hook or pass a folder)');
  process.exit(2);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const PLACEHOLDER = "'inline-script-hashes'";
if (!html.includes(PLACEHOLDER)) {
  console.error(`csp-hash: ${file} has no ${PLACEHOLDER} placeholder in its CSP`);
  process.exit(2);
}
// `trunk serve` injects a live-reload script and fills its address in only when serving, after
// this hook: the served script would then no longer match its hash. scripts/dev tells us the
// address, so we fill it in here and trunk finds nothing left to change.
const devAddress = process.env.SCALEBOARD_DEV_ADDRESS;
if (html.includes('{{__TRUNK_ADDRESS__}}')) {
  if (devAddress) {
    html = html.replaceAll('{{__TRUNK_ADDRESS__}}', devAddress).replaceAll('{{__TRUNK_WS_BASE__}}', '/');
  } else {
    console.warn('csp-hash: serving without scripts/dev: the live-reload script will be refused by the CSP');
  }
}
// A build-time nonce is the same for every visitor, so it protects nothing: hashes replace it.
html = html.replace(/ nonce="[^"]*"/g, '');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
html = html.replace(PLACEHOLDER, hashes.join(' '));
writeFileSync(file, html);
console.log(`csp-hash: ${hashes.length} inline script(s) allowed by hash in ${file}`);
