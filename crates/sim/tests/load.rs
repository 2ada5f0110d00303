//! Loading: parse + validate reports every problem with a path and never panics.

use scaleboard_sim::{load, Kind};

const SINGLE: &str = include_str!("../../../static/scenarios/01-single-server.json");

#[test]
fn single_server_scenario_loads() {
    let s = load(SINGLE).expect("01-single-server.json must load");
    assert_eq!(s.nodes.len(), 3);
    assert_eq!(s.nodes[2].kind, Kind::WebServer);
    assert_eq!(s.wires.len(), 2);
}

#[test]
fn round_trips_through_json() {
    let s = load(SINGLE).expect("loads");
    let again = load(&s.to_json()).expect("reloads");
    assert_eq!(s, again);
}

#[test]
fn unknown_field_is_reported_with_node_id() {
    let json = SINGLE.replace("\"workers\": 8", "\"wrokers\": 8");
    let err = load(&json).expect_err("must fail");
    let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    assert!(
        text.contains(&"nodes[server]: unknown field \"wrokers\"".to_string()),
        "{text:?}"
    );
}

#[test]
fn every_problem_is_reported() {
    let json = SINGLE
        .replace("\"workers\": 8", "\"workers\": 0")
        .replace("\"ttl_s\": 60", "\"ttl_s\": -1")
        .replace(
            "{ \"from\": \"dns\", \"to\": \"server\" }",
            "{ \"from\": \"server\", \"to\": \"dns\" }",
        );
    let err = load(&json).expect_err("must fail");
    let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    assert!(
        text.contains(&"nodes[server].workers: must be at least 1, got 0".to_string()),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.starts_with("nodes[dns].ttl_s: ")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("wires[1]: a web server cannot send requests to DNS: ")),
        "{text:?}"
    );
}

#[test]
fn syntax_error_has_line_and_column() {
    let err = load("{\n  \"version\": 1,\n  oops\n}").expect_err("must fail");
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].path, "line 3, column 3");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let deep = "[".repeat(100_000);
    let cases = [
        "",
        "null",
        "[]",
        "\u{0}\u{1}garbage",
        &deep,
        "{\"version\": 1e999}",
        "{\"version\": 1, \"name\": \"x\", \"nodes\": 5}",
        "{\"version\": 1, \"name\": \"x\", \"nodes\": [{\"id\": \"u\", \"kind\": \"users\", \"x\": 1e308, \"y\": -1e308, \"rate_rps\": 1e300}]}",
        "{\"version\": 99999999999, \"name\": \"x\", \"nodes\": []}",
    ];
    for c in cases {
        assert!(load(c).is_err(), "{c:.40} should be rejected");
    }
    // Random bytes, from a fixed simple generator so the test is reproducible.
    const ALPHABET: &[u8] = b"{}[]\":,0123456789.eE-+ntrufalsidkv";
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2000 {
        let len = (x % 64) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ALPHABET[(x % ALPHABET.len() as u64) as usize]
            })
            .collect();
        let _ = load(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn wiring_cycles_and_bad_replication_are_rejected() {
    let json = r#"{"version":1,"name":"c","nodes":[
      {"id":"u","kind":"users","x":0,"y":0},
      {"id":"w","kind":"web_server","x":0,"y":0},
      {"id":"a","kind":"database","x":0,"y":0},
      {"id":"b","kind":"database","x":0,"y":0}],
      "wires":[{"from":"u","to":"w"},{"from":"w","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"a"}]}"#;
    let err = load(json).expect_err("must fail");
    assert!(err.iter().any(|d| d.path == "wires[2]"), "{err:?}");
    assert!(err.iter().any(|d| d.path == "wires[3]"), "{err:?}");
}

#[test]
fn second_cache_and_dangling_routers_are_reported() {
    let json = r#"{"version":1,"name":"c","nodes":[
      {"id":"u","kind":"users","x":0,"y":0},
      {"id":"lb","kind":"load_balancer","x":0,"y":0},
      {"id":"w","kind":"web_server","x":0,"y":0},
      {"id":"c1","kind":"cache","x":0,"y":0},
      {"id":"c2","kind":"cache","x":0,"y":0}],
      "wires":[{"from":"u","to":"w"},{"from":"w","to":"c1"},{"from":"w","to":"c2"}]}"#;
    let err = load(json).expect_err("must fail");
    let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    assert!(
        text.contains(
            &"wires[2]: a web server \"w\" already uses a cache (wires[1]); use one".to_string()
        ),
        "{text:?}"
    );
    assert!(
        text.contains(
            &"nodes[lb]: a load balancer needs at least one outgoing wire: \
              a load balancer sends to a web server"
                .to_string()
        ),
        "{text:?}"
    );
}

#[test]
fn faults_are_checked() {
    let json = SINGLE.replace(
        "\"wires\": [",
        r#""faults": [{"at_s": -1, "action": "fail", "node": "ghost"}, {"at_s": 5, "action": "spike", "node": "server"}, {"at_s": 5, "action": "dc_outage"}],
  "wires": ["#,
    );
    let err = load(&json).expect_err("must fail");
    let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
    for expected in [
        "faults[0].node: no node \"ghost\"",
        "faults[1].node: rate changes apply to users nodes",
        "faults[1]: needs \"factor\"",
        "faults[1]: needs \"duration_s\"",
        "faults[2]: needs \"dc\"",
    ] {
        assert!(
            text.contains(&expected.to_string()),
            "{expected} in {text:?}"
        );
    }
    assert!(
        text.iter().any(|t| t.starts_with("faults[0].at_s: ")),
        "{text:?}"
    );
}

#[test]
fn parameter_for_another_kind_is_reported() {
    let json = SINGLE.replace("\"ttl_s\": 60", "\"ttl_s\": 60, \"workers\": 4");
    let err = load(&json).expect_err("must fail");
    assert_eq!(
        err[0].to_string(),
        "nodes[dns].workers: does not apply to DNS"
    );
}

#[test]
fn a_latency_objective_must_be_a_positive_time_on_a_users_node() {
    let with = |extra: &str, kind: &str| {
        SINGLE.replacen(
            &format!("\"kind\": \"{kind}\","),
            &format!("\"kind\": \"{kind}\", {extra}"),
            1,
        )
    };
    let s = load(&with("\"slo_ms\": 300,", "users")).expect("a 300 ms objective loads");
    assert_eq!(s.nodes[0].slo_ms, Some(300.0));
    for bad in ["0", "-5"] {
        let err = load(&with(&format!("\"slo_ms\": {bad},"), "users")).expect_err("must fail");
        let text: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("nodes[users].slo_ms: must be above 0")),
            "{bad}: {text:?}"
        );
    }
    // Only users have an objective: on a web server it is a mistake worth naming.
    let err = load(&with("\"slo_ms\": 300,", "web_server")).expect_err("must fail");
    assert!(
        err.iter().any(|d| d.to_string().contains("slo_ms")),
        "{err:?}"
    );
}
