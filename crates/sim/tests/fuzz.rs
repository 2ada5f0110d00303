//! Property tests of the load path: whatever the input (random bytes, truncated files, valid
//! documents with random mutations: huge numbers, wrong types, deep nesting, duplicated ids,
//! random wires, faults on anything), `load` never panics, every problem it reports has a
//! path and a sentence, and a document it accepts compiles, runs and round-trips. A simple
//! seeded generator keeps every case reproducible: a failure prints the document.

use scaleboard_sim::*;
use serde_json::{json, Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// xorshift64*: small, seeded, good enough to pick mutations.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Every valid document we have: the built-in scenarios and the test fixtures.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in [
        root.join("../../static/scenarios"),
        root.join("tests/fixtures"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "json") {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    docs.push(text);
                }
            }
        }
    }
    assert!(docs.len() >= 3, "the corpus holds the fixtures at least");
    for d in &docs {
        assert!(load(d).is_ok(), "corpus documents are valid");
    }
    docs
}

/// Values that have broken parsers before: extremes, wrong types, deep nesting.
fn hostile(g: &mut Gen) -> Value {
    match g.below(22) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1e308),
        3 => json!(-1e308),
        4 => json!(1e30),
        5 => json!(u32::MAX),
        6 => json!(u64::from(u32::MAX) + 1),
        7 => json!(u64::MAX),
        8 => json!(i64::MIN),
        9 => json!(0.5),
        10 => json!(5e-324),
        11 => json!(""),
        12 => json!("wrokers"),
        13 => Value::Null,
        14 => json!(true),
        15 => json!([]),
        16 => json!({}),
        17 => {
            // Nesting deeper than any parser's recursion limit allows.
            let mut v = json!(1);
            for _ in 0..(50 + g.below(300)) {
                v = json!([v]);
            }
            v
        }
        18 => json!(10_000_000),
        19 => json!(4_000_000),
        20 => json!(1000),
        _ => json!(g.below(100) as u64),
    }
}

/// A random location inside `v`: walk down a few levels.
fn pick<'a>(g: &mut Gen, v: &'a mut Value, depth: usize) -> &'a mut Value {
    if depth == 0 || g.chance(4) {
        return v;
    }
    // Choose the child first, then borrow it: one mutable borrow per level.
    let key = match &*v {
        Value::Object(m) if !m.is_empty() => m.keys().nth(g.below(m.len())).cloned(),
        _ => None,
    };
    let index = match &*v {
        Value::Array(a) if !a.is_empty() => Some(g.below(a.len())),
        _ => None,
    };
    if let Some(k) = key {
        if v.get(&k).is_some() {
            return pick(g, &mut v[k.as_str()], depth - 1);
        }
    }
    if let Some(i) = index {
        return pick(g, &mut v[i], depth - 1);
    }
    v
}

/// The list under `key` of an object, if there is one (a mutation may have replaced anything).
fn field<'a>(doc: &'a mut Value, key: &str) -> Option<&'a mut Vec<Value>> {
    doc.as_object_mut()?.get_mut(key)?.as_array_mut()
}

/// Set `key` if `v` is an object.
fn set(v: &mut Value, key: &str, x: Value) {
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_string(), x);
    }
}

fn node_ids(doc: &Value) -> Vec<String> {
    doc.get("nodes")
        .and_then(Value::as_array)
        .map(|ns| {
            ns.iter()
                .filter_map(|n| n["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

const ACTIONS: [&str; 9] = [
    "fail",
    "recover",
    "slow",
    "dc_outage",
    "dc_restore",
    "set_rate",
    "ramp",
    "spike",
    "explode",
];

/// One structural or value mutation; `gentle` ones (faults, plausible parameters) often keep
/// the document valid, so the engine gets to run it.
fn mutate(g: &mut Gen, doc: &mut Value, gentle: bool) {
    let ids = node_ids(doc);
    let id = |g: &mut Gen| {
        if ids.is_empty() || g.chance(10) {
            "ghost".to_string()
        } else {
            ids[g.below(ids.len())].clone()
        }
    };
    let what = if gentle {
        [7, 9][g.below(2)]
    } else {
        g.below(10)
    };
    match what {
        // Replace any value with a hostile one.
        0..=2 => *pick(g, doc, 4) = hostile(g),
        // Delete or add a key somewhere.
        3 => {
            if let Value::Object(m) = pick(g, doc, 3) {
                if g.chance(2) && !m.is_empty() {
                    let k = m.keys().nth(g.below(m.len())).cloned().unwrap_or_default();
                    m.remove(&k);
                } else {
                    let k =
                        ["wrokers", "workers", "rate_rps", "kind", "id", "dc", "role"][g.below(7)];
                    m.insert(k.to_string(), hostile(g));
                }
            }
        }
        // Change a node's kind: its parameters may no longer apply, its wires no longer make sense.
        4 => {
            if let Some(ns) = field(doc, "nodes") {
                if !ns.is_empty() {
                    let i = g.below(ns.len());
                    let k = Kind::ALL[g.below(Kind::ALL.len())];
                    set(
                        &mut ns[i],
                        "kind",
                        serde_json::to_value(k).unwrap_or(Value::Null),
                    );
                }
            }
        }
        // A random wire, possibly a cycle, a duplicate or a self-loop.
        5 => {
            let w = json!({ "from": id(g), "to": id(g) });
            if let Some(ws) = field(doc, "wires") {
                ws.push(w);
            } else if let Value::Object(m) = doc {
                m.insert("wires".into(), json!([w]));
            }
        }
        // Duplicate a node or a wire (duplicate ids, duplicate wires).
        6 => {
            let key = if g.chance(2) { "nodes" } else { "wires" };
            if let Some(a) = field(doc, key) {
                if !a.is_empty() {
                    let copy = a[g.below(a.len())].clone();
                    a.push(copy);
                }
            }
        }
        // A fault of any action on anything, at any time; gentle ones are complete.
        7 => {
            let mut f = Map::new();
            f.insert("at_s".into(), json!(g.below(40) as f64 * 0.5));
            let action = ACTIONS[g.below(ACTIONS.len() - usize::from(gentle))];
            f.insert("action".into(), json!(action));
            let dc_action = action.starts_with("dc_");
            for (k, v) in [
                ("node", json!(id(g))),
                ("dc", json!(["dc-1", "dc-2", "east", "ghost"][g.below(4)])),
                ("factor", json!([0.0, 0.5, 3.0, 1e6][g.below(4)])),
                ("rate_rps", json!([0.0, 10.0, 5000.0, 1e9][g.below(4)])),
                ("duration_s", json!([0.0, 0.1, 5.0][g.below(3)])),
            ] {
                let wanted = match k {
                    "node" => !dc_action,
                    "dc" => dc_action,
                    _ => true,
                };
                if if gentle { wanted } else { g.chance(2) } {
                    f.insert(k.into(), v);
                }
            }
            if let Some(fs) = field(doc, "faults") {
                fs.push(Value::Object(f));
            } else if let Value::Object(m) = doc {
                m.insert("faults".into(), json!([Value::Object(f)]));
            }
        }
        // Put a node in a data center, existing or not.
        8 => {
            if let Some(ns) = field(doc, "nodes") {
                if !ns.is_empty() {
                    let i = g.below(ns.len());
                    set(
                        &mut ns[i],
                        "dc",
                        json!(["dc-1", "dc-2", "ghost"][g.below(3)]),
                    );
                }
            }
        }
        // Plausible parameter values that stress the engine rather than the validator,
        // on a node of a kind they apply to.
        _ => {
            if let Some(ns) = field(doc, "nodes") {
                if !ns.is_empty() {
                    let i = g.below(ns.len());
                    let kind = ns[i].get("kind").and_then(Value::as_str).unwrap_or("");
                    let serving = !matches!(kind, "users" | "dns" | "message_queue" | "autoscaler");
                    let choices: Vec<(&str, Value)> = match kind {
                        "users" => vec![
                            ("population", json!(10_000_000)),
                            ("rate_rps", json!(100_000_000.0)),
                            ("rate_rps", json!(0)),
                            ("retries", json!(10)),
                            ("backoff_ms", json!(0)),
                            ("timeout_ms", json!(0.001)),
                            ("slo_ms", json!(0.001)),
                            ("zipf_s", json!(10.0)),
                            ("zipf_s", json!(0)),
                            ("keys", json!(u32::MAX)),
                            ("keys", json!(1)),
                            ("arrival", json!("constant")),
                        ],
                        "cache" => vec![
                            ("capacity", json!(4_000_000)),
                            ("capacity", json!(1)),
                            ("ttl_s", json!(0)),
                            ("on_down", json!("fail")),
                        ],
                        "dns" => vec![("ttl_s", json!(0))],
                        "load_balancer" => vec![
                            ("health_check_ms", json!(0.001)),
                            ("policy", json!("power_of_two")),
                            ("policy", json!("least_connections")),
                        ],
                        "web_server" => vec![("stateful", json!(true))],
                        "autoscaler" => vec![
                            ("max_servers", json!(1000)),
                            ("boot_s", json!(0)),
                            ("cooldown_s", json!(0)),
                        ],
                        "shard_router" => vec![("sharding", json!("consistent_hash"))],
                        "database" => vec![("failover_ms", json!(0))],
                        _ => vec![],
                    };
                    let generic: Vec<(&str, Value)> = if serving {
                        vec![
                            ("workers", json!(u32::MAX)),
                            ("workers", json!(1)),
                            ("queue_capacity", json!(0)),
                            (
                                "service",
                                json!({"dist": "log_normal", "mean_ms": 1e-9, "cv": 100}),
                            ),
                        ]
                    } else {
                        vec![]
                    };
                    let all: Vec<(&str, Value)> = choices.into_iter().chain(generic).collect();
                    if !all.is_empty() {
                        let (k, v) = all[g.below(all.len())].clone();
                        set(&mut ns[i], k, v);
                    }
                }
            }
        }
    }
}

/// Text-level damage: truncation, a flipped byte, a stray character.
fn damage(g: &mut Gen, text: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    match g.below(3) {
        0 => b.truncate(g.below(b.len() + 1)),
        1 if !b.is_empty() => {
            let i = g.below(b.len());
            b[i] = g.next() as u8;
        }
        _ => {
            let i = g.below(b.len() + 1);
            b.insert(i, b"{}[],:\"\\0e-"[g.below(11)]);
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// `load` must answer without panicking; an accepted document must compile, run a little,
/// and survive a round trip; a rejected one must say where and why.
fn check(text: &str) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| match load(text) {
        Ok(s) => {
            let mut sim = match compile(&s) {
                Ok(sim) => sim,
                Err(d) => panic!("load accepted what compile rejects: {d:?}"),
            };
            // A bounded amount of work: the point is "no panic", not the numbers.
            sim.run_until_budget(30_000.0, 3_000);
            let snap = sim.snapshot();
            assert!(snap.now_ms <= 30_000.0);
            assert_eq!(load(&s.to_json()).as_ref(), Ok(&s), "round trip");
            true
        }
        Err(d) => {
            assert!(!d.is_empty(), "a rejection carries at least one problem");
            for p in &d {
                assert!(!p.path.is_empty() && !p.message.is_empty(), "{p:?}");
            }
            // Nothing half-applied: a document that parses but fails validation cannot be
            // compiled either.
            if let Ok(parsed) = parse(text) {
                assert!(
                    compile(&parsed).is_err(),
                    "compile accepts what load rejects"
                );
            }
            false
        }
    }));
    match outcome {
        Ok(accepted) => accepted,
        Err(e) => {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{msg}\ninput ({} bytes):\n{text:.4000}", text.len());
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut g = Gen(0x5CA1_EB0A_4D00_0001);
    for _ in 0..5000 {
        let len = g.below(256);
        let bytes: Vec<u8> = (0..len).map(|_| g.next() as u8).collect();
        assert!(!check(&String::from_utf8_lossy(&bytes)));
    }
}

#[test]
fn mutated_valid_documents_never_panic_and_are_never_half_accepted() {
    let docs = corpus();
    let mut g = Gen(0x00DD_BA11_5EED);
    let (mut accepted, mut rejected) = (0, 0);
    for i in 0..6000 {
        let base = &docs[i % docs.len()];
        let Ok(mut doc) = serde_json::from_str::<Value>(base) else {
            panic!("corpus document is JSON")
        };
        let gentle = g.chance(3);
        for _ in 0..=g.below(4) {
            mutate(&mut g, &mut doc, gentle);
        }
        let mut text = doc.to_string();
        if g.chance(8) {
            text = damage(&mut g, &text);
        }
        if check(&text) {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    eprintln!("accepted {accepted}, rejected {rejected}");
    // Both sides are exercised: the generator is neither too gentle nor too rough.
    assert!(accepted > 600, "accepted {accepted}");
    assert!(rejected > 2000, "rejected {rejected}");
}

#[test]
fn nan_and_infinity_built_in_code_are_reported_not_simulated() {
    // JSON cannot carry NaN, but the editor builds scenarios in code.
    let Ok(mut s) = load(include_str!("fixtures/determinism.json")) else {
        panic!("fixture loads")
    };
    let nan = f64::NAN;
    s.window_ms = nan;
    s.network.cross_region_ms = f64::INFINITY;
    s.nodes[0].x = nan;
    s.nodes[0].rate_rps = Some(nan);
    s.nodes[0].timeout_ms = Some(f64::NEG_INFINITY);
    s.faults.push(Fault {
        at_s: nan,
        action: Action::Fail,
        node: Some(s.nodes[1].id.clone()),
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    });
    let d = validate(&s);
    let id = s.nodes[0].id.clone();
    let last = s.faults.len() - 1;
    for path in [
        "window_ms".to_string(),
        "network.cross_region_ms".to_string(),
        format!("nodes[{id}].x"),
        format!("nodes[{id}].rate_rps"),
        format!("nodes[{id}].timeout_ms"),
        format!("faults[{last}].at_s"),
    ] {
        assert!(d.iter().any(|p| p.path == path), "{path} missing in {d:?}");
    }
    assert!(compile(&s).is_err());
}

#[test]
fn many_large_populations_are_bounded_in_total() {
    // Each users node may hold 10 million users; 500 of them would overflow the engine's
    // 32-bit user ids and its one-bit-per-user session table. Validation must refuse the
    // total, or the engine must cope: either way, no panic.
    let mut nodes = vec![
        serde_json::json!({"id": "web", "kind": "web_server", "x": 0, "y": 0,
        "stateful": true}),
    ];
    let mut wires = Vec::new();
    for i in 0..500 {
        let id = format!("u{i}");
        nodes.push(json!({"id": id, "kind": "users", "x": 0, "y": 0,
            "population": 10_000_000, "rate_rps": 1}));
        wires.push(json!({"from": id, "to": "web"}));
    }
    let doc = json!({"version": 1, "name": "crowd", "nodes": nodes, "wires": wires});
    let text = doc.to_string();
    assert!(!check(&text), "500 x 10 million users must be refused");
    let Err(d) = load(&text) else { unreachable!() };
    assert!(
        d.iter()
            .any(|p| p.path == "nodes" && p.message.contains("population")),
        "{d:?}"
    );
}
