// Trunk post_build hook. Trunk starts the hooks of one stage all at once, so the steps that
// must follow each other are one hook, in order: the CSP hashes go into index.html first, then
// the embed pages are copied from it (scripts/embed-pages.mjs), hashes included.
await import('./csp-hash.mjs');
await import('./embed-pages.mjs');
