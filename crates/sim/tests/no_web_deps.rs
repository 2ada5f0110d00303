//! Architecture invariant: the model knows nothing of the browser. Fails if a web crate
//! enters scaleboard-sim's normal dependency tree.

use std::process::Command;

const FORBIDDEN: &[&str] = &["yew", "web-sys", "js-sys", "gloo", "wasm-bindgen"];

#[test]
fn model_has_no_web_dependencies() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let out = Command::new(env!("CARGO"))
        .current_dir(root)
        .args([
            "tree",
            "-p",
            "scaleboard-sim",
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
        tree.contains("serde"),
        "the tree lists the real dependencies:\n{tree}"
    );
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or_default();
        let bad = FORBIDDEN
            .iter()
            .any(|f| name == *f || name.starts_with(&format!("{f}-")) || name.starts_with("gloo"));
        assert!(!bad, "web crate in the model's dependencies: {line}");
    }
}
