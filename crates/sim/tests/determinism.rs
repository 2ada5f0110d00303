//! Same scenario + seed gives bit-identical results: twice in one process, and equal to the
//! golden digest that the wasm build checks too. `BLESS=1 cargo test` rewrites the golden file.

use scaleboard_sim::*;

const GOLDEN: &str = "tests/golden/determinism.txt";

#[test]
fn determinism_digest_matches_golden_file() {
    let d = determinism_digest();
    assert_ne!(d, 0, "the fixture must load and compile");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, format!("{d}\n")).expect("write golden file");
        return;
    }
    let golden =
        std::fs::read_to_string(&path).expect("golden file exists (run with BLESS=1 once)");
    assert_eq!(
        golden.trim(),
        d.to_string(),
        "engine output changed; if intended, re-bless"
    );
}

#[test]
fn same_seed_same_run_different_seed_different_run() {
    let Ok(s) = load(DETERMINISM_FIXTURE) else {
        panic!("fixture loads")
    };
    let run = |s: &Scenario| {
        let Ok(mut sim) = compile(s) else {
            panic!("fixture compiles")
        };
        sim.run_until(5_000.0);
        sim.snapshot()
    };
    assert_eq!(run(&s), run(&s));
    let mut other = s.clone();
    other.seed += 1;
    assert_ne!(digest(&run(&s)), digest(&run(&other)));
}

#[test]
fn stepping_in_small_slices_equals_one_long_run() {
    let Ok(s) = load(DETERMINISM_FIXTURE) else {
        panic!("fixture loads")
    };
    let Ok(mut a) = compile(&s) else {
        panic!("compiles")
    };
    let Ok(mut b) = compile(&s) else {
        panic!("compiles")
    };
    a.run_until(6_000.0);
    let mut t: f64 = 0.0;
    while t < 6_000.0 {
        t += 16.7;
        // A frame with a work budget, as the UI does.
        while !b.run_until_budget(t.min(6_000.0), 500) {}
    }
    assert_eq!(a.snapshot(), b.snapshot());
}

#[test]
fn determinism_fixture_exercises_what_it_claims() {
    let Ok(s) = load(DETERMINISM_FIXTURE) else {
        panic!("fixture loads")
    };
    let Ok(mut sim) = compile(&s) else {
        panic!("compiles")
    };
    sim.run_until(DETERMINISM_RUN_MS);
    let snap = sim.snapshot();
    let n = |id: &str| {
        snap.nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(0, |n| n.arrivals)
    };
    for id in [
        "cdn", "lb", "web-1", "sessions", "cache", "db", "db-r", "jobs",
    ] {
        assert!(n(id) > 100, "{id} saw traffic");
    }
    assert!(snap.counts.node_down > 0, "the web-2 crash shows");
    assert!(snap.counts.ok > 40_000);
}
