//! Architecture invariant: the model knows nothing of the browser. Fails if a web crate
//! enters scaleboard-sim's normal dependency tree, or that of scaleboard-render, which draws
//! the model's figures for the command line and build scripts (native; on wasm32 plotters
//! itself would bring wasm-bindgen, which is why the app draws with its own canvas backend).

use std::process::Command;

const FORBIDDEN: &[&str] = &["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen"];

#[test]
fn model_has_no_web_dependencies() {
    no_web_dependencies("scaleboard-sim", "serde");
}

#[test]
fn renderer_has_no_web_dependencies() {
    no_web_dependencies("scaleboard-render", "plotters-svg");
}

/// Fails if `package`'s normal dependency tree (for this machine) holds a web crate; `real` is
/// a dependency it must list, so an empty tree does not pass.
fn no_web_dependencies(package: &str, real: &str) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "tree",
            "-p",
            package,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        tree.contains(real),
        "the tree lists the real dependencies:\n{tree}"
    );
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        let bad = FORBIDDEN
            .iter()
            .any(|f| name == *f || name.starts_with(&format!("{f}-")) || name.starts_with("gloo"));
        assert!(!bad, "web crate in {package}'s dependencies: {line}");
    }
}
