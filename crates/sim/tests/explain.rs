//! Problems in the user's own words: names instead of ids, and what to do about them.

use scaleboard_sim::explain::{in_words, node_of, subject, Subject};
use scaleboard_sim::{parse, validate};

const HALF_BUILT: &str = r#"{ "version": 1, "name": "half built",
  "nodes": [
    { "id": "users-1", "kind": "users", "name": "Shoppers", "x": 0, "y": 0 },
    { "id": "web-1", "kind": "web_server", "name": "Web 1", "x": 300, "y": 0, "workers": 0 },
    { "id": "lb-1", "kind": "load_balancer", "name": "Front door", "x": 200, "y": 0 }
  ],
  "wires": [ { "from": "web-1", "to": "users-1" } ] }"#;

#[test]
fn paths_name_what_they_point_at() {
    assert_eq!(
        subject("nodes[web-1].workers"),
        Subject::Node("web-1", Some("workers"))
    );
    assert_eq!(subject("nodes[users-1]"), Subject::Node("users-1", None));
    assert_eq!(subject("wires[3]"), Subject::Wire(3));
    assert_eq!(subject("faults[0].node"), Subject::Fault(0));
    assert_eq!(subject("data_centers[dc-1].w"), Subject::DataCenter("dc-1"));
    assert_eq!(subject("name"), Subject::Document);
}

#[test]
fn a_half_built_design_is_explained_with_its_own_names() {
    let doc = parse(HALF_BUILT).expect("parses");
    let problems = validate(&doc);
    let words: Vec<String> = problems.iter().map(|d| in_words(d, &doc)).collect();
    let users = words
        .iter()
        .find(|w| w.contains("entry point"))
        .unwrap_or_else(|| panic!("{words:?}"));
    assert!(
        users.starts_with(
            "\u{201c}Shoppers\u{201d} must be wired to an entry point: users send to DNS"
        ),
        "{users}"
    );
    assert!(
        words
            .iter()
            .any(|w| w.starts_with("\u{201c}Web 1\u{201d}, workers: must be at least 1")),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w.starts_with("\u{201c}Front door\u{201d} needs at least one outgoing wire")),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .any(|w| w
                .starts_with("the wire \u{201c}Web 1\u{201d} \u{2192} \u{201c}Shoppers\u{201d}: ")),
        "{words:?}"
    );
    for w in &words {
        assert!(!w.contains("nodes["), "no JSON paths: {w}");
    }
    // Each node problem points at its node.
    let pointed: Vec<&str> = problems.iter().filter_map(node_of).collect();
    assert!(
        pointed.contains(&"users-1") && pointed.contains(&"web-1"),
        "{pointed:?}"
    );
}
