// Starts the engine's worker (src/run/engine.rs creates it as a module worker). It runs the
// app's own module and wasm, named by the page in `?module=` and `&wasm=` and already in the
// browser's cache; with no window to draw in, the module serves the page's commands
// (src/worker.rs) instead of drawing.
const params = new URL(self.location.href).searchParams;
const own = (name, ending) => {
  const url = new URL(params.get(name) ?? '', self.location.href);
  // Only this site's own files, whatever the address says.
  if (url.origin !== self.location.origin || !url.pathname.endsWith(ending)) {
    throw new Error(`engine-worker.js: refusing to load ${url.href}`);
  }
  return url.href;
};
const { default: init } = await import(own('module', '.js'));
await init({ module_or_path: own('wasm', '.wasm') });
