// The browser entry point: everything lives in the library so the component tests can mount it.
// The same module starts the engine's worker, where there is no window to draw in.
fn main() {
    scaleboard::main();
}
