// The browser entry point: everything lives in the library so the component tests can mount it.
fn main() {
    scaleboard::start();
}
