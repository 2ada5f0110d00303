//! Every command's inverse restores the document exactly; bad edits leave it untouched.

use scaleboard_sim::edit::{Command, EditError, Rect};
use scaleboard_sim::{load, Action, DataCenter, Fault, Kind, Node, Scenario, Wire};
use serde_json::json;

/// users -> lb -> web-1, web-2 -> db-1 -> db-2 (replica); lb and webs in dc-1; two faults.
const FIXTURE: &str = r#"{
  "version": 1, "name": "Fixture",
  "nodes": [
    { "id": "users", "kind": "users", "x": 100, "y": 200, "rate_rps": 50 },
    { "id": "lb-1", "kind": "load_balancer", "x": 320, "y": 200, "dc": "dc-1" },
    { "id": "web-1", "kind": "web_server", "x": 560, "y": 120, "dc": "dc-1", "workers": 4 },
    { "id": "web-2", "kind": "web_server", "x": 560, "y": 280, "dc": "dc-1" },
    { "id": "db-1", "kind": "database", "x": 800, "y": 200, "role": "primary" },
    { "id": "db-2", "kind": "database", "x": 1040, "y": 200, "role": "replica" }
  ],
  "wires": [
    { "from": "users", "to": "lb-1" },
    { "from": "lb-1", "to": "web-1" },
    { "from": "lb-1", "to": "web-2" },
    { "from": "web-1", "to": "db-1" },
    { "from": "web-2", "to": "db-1", "latency_ms": 1.5 },
    { "from": "db-1", "to": "db-2" }
  ],
  "data_centers": [
    { "id": "dc-1", "name": "East", "region": "us-east", "x": 200, "y": 40, "w": 520, "h": 320 }
  ],
  "faults": [
    { "at_s": 10, "action": "fail", "node": "web-1" },
    { "at_s": 20, "action": "dc_outage", "dc": "dc-1" },
    { "at_s": 30, "action": "recover", "node": "web-1" }
  ]
}"#;

fn fixture() -> Scenario {
    load(FIXTURE).expect("fixture loads")
}

/// Apply `cmd`, check the result with `after`, apply the inverse, expect the original back;
/// then redo (the inverse's inverse) and expect the edited document again.
fn round_trip(cmd: Command, after: impl Fn(&Scenario)) {
    let original = fixture();
    let mut doc = original.clone();
    let inverse = cmd.apply(&mut doc).expect("command applies");
    after(&doc);
    let edited = doc.clone();
    let redo = inverse.apply(&mut doc).expect("inverse applies");
    assert_eq!(doc, original, "inverse restores the document exactly");
    redo.apply(&mut doc).expect("redo applies");
    assert_eq!(doc, edited, "redo reproduces the edit");
}

fn ids(doc: &Scenario) -> Vec<&str> {
    doc.nodes.iter().map(|n| n.id.as_str()).collect()
}

#[test]
fn add_node_appends_and_undo_removes() {
    round_trip(
        Command::AddNode(Node::new("cache-1", Kind::Cache, 700.0, 400.0)),
        |d| {
            assert_eq!(d.nodes.len(), 7);
            assert_eq!(d.nodes[6].id, "cache-1");
        },
    );
}

#[test]
fn add_node_refuses_taken_id_and_bad_values() {
    let mut doc = fixture();
    let err = Command::AddNode(Node::new("web-1", Kind::WebServer, 0.0, 0.0)).apply(&mut doc);
    assert!(matches!(err, Err(EditError::Refused(_))), "{err:?}");
    let bad = Node {
        workers: Some(0),
        ..Node::new("web-9", Kind::WebServer, 0.0, 0.0)
    };
    let err = Command::AddNode(bad).apply(&mut doc);
    assert!(
        matches!(err, Err(EditError::Invalid(ref d)) if d[0].path == "nodes[web-9].workers"),
        "{err:?}"
    );
    assert_eq!(doc, fixture());
}

#[test]
fn remove_nodes_takes_wires_and_faults_and_restores_them_at_their_indices() {
    round_trip(
        Command::RemoveNodes(vec!["web-1".into(), "users".into()]),
        |d| {
            assert_eq!(ids(d), ["lb-1", "web-2", "db-1", "db-2"]);
            assert_eq!(d.wires.len(), 3, "users->lb, lb->web-1, web-1->db gone");
            assert!(d.wires.iter().all(|w| w.from != "web-1" && w.to != "web-1"));
            assert_eq!(d.faults.len(), 1, "only the dc outage is left");
        },
    );
}

#[test]
fn remove_missing_node_is_refused_untouched() {
    let mut doc = fixture();
    let err = Command::RemoveNodes(vec!["web-1".into(), "nope".into()]).apply(&mut doc);
    assert!(matches!(err, Err(EditError::Missing(_))), "{err:?}");
    assert_eq!(doc, fixture());
}

#[test]
fn move_nodes_is_undone_exactly_even_with_fractions() {
    // 0.1 + 0.2 - 0.2 != 0.1 in floating point: the inverse stores positions, not a delta.
    round_trip(
        Command::MoveNodes {
            ids: vec!["web-1".into(), "web-2".into()],
            dx: 0.1,
            dy: 0.2,
        },
        |d| {
            assert_eq!(d.node("web-1").map(|n| (n.x, n.y)), Some((560.1, 120.2)));
        },
    );
}

#[test]
fn set_node_position_and_placement_round_trip() {
    round_trip(
        Command::SetNodePosition {
            id: "db-1".into(),
            x: 1.0,
            y: 2.0,
        },
        |d| {
            assert_eq!(d.node("db-1").map(|n| (n.x, n.y)), Some((1.0, 2.0)));
        },
    );
    let twice = vec![
        ("db-1".to_string(), 5.0, 5.0),
        ("db-1".to_string(), 9.0, 9.0),
    ];
    let dcs = vec![("dc-1".to_string(), Rect::new(0.0, 0.0, 100.0, 100.0))];
    round_trip(Command::SetPlacement { nodes: twice, dcs }, |d| {
        assert_eq!(d.node("db-1").map(|n| n.x), Some(9.0));
    });
}

#[test]
fn non_finite_moves_are_refused() {
    let mut doc = fixture();
    let err = Command::MoveNodes {
        ids: vec!["db-1".into()],
        dx: f64::NAN,
        dy: 0.0,
    }
    .apply(&mut doc);
    assert!(matches!(err, Err(EditError::Refused(_))));
    assert_eq!(doc, fixture());
}

#[test]
fn set_param_round_trips() {
    round_trip(
        Command::SetParam {
            id: "web-1".into(),
            key: "workers".into(),
            value: json!(32),
        },
        |d| {
            assert_eq!(d.node("web-1").and_then(|n| n.workers), Some(32));
        },
    );
    round_trip(
        Command::SetParam {
            id: "web-2".into(),
            key: "service".into(),
            value: json!({ "dist": "log_normal", "mean_ms": 12.5, "cv": 0.5 }),
        },
        |d| {
            assert_eq!(
                d.node("web-2").and_then(|n| n.service).map(|s| s.mean_ms),
                Some(12.5)
            )
        },
    );
    // null resets to the kind's default: the field disappears.
    round_trip(
        Command::SetParam {
            id: "web-1".into(),
            key: "workers".into(),
            value: json!(null),
        },
        |d| {
            assert_eq!(d.node("web-1").and_then(|n| n.workers), None);
        },
    );
}

#[test]
fn bad_param_values_never_enter_the_document() {
    let cases = [
        (
            "workers",
            json!(0),
            "nodes[web-1].workers: must be at least 1, got 0",
        ),
        ("workers", json!(-3), "nodes[web-1].workers: "),
        ("workers", json!("many"), "nodes[web-1].workers: "),
        (
            "wrokers",
            json!(3),
            "nodes[web-1].wrokers: unknown field \"wrokers\"",
        ),
        (
            "rate_rps",
            json!(10),
            "nodes[web-1].rate_rps: does not apply to a web server",
        ),
        (
            "dc",
            json!("dc-9"),
            "nodes[web-1].dc: no data center \"dc-9\"",
        ),
        ("id", json!("x"), "a node's id cannot be changed"),
    ];
    for (key, value, want) in cases {
        let mut doc = fixture();
        let cmd = Command::SetParam {
            id: "web-1".into(),
            key: key.into(),
            value,
        };
        let err = cmd.apply(&mut doc).expect_err(key);
        let text: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
        assert!(text.iter().any(|t| t.contains(want)), "{key}: {text:?}");
        assert_eq!(doc, fixture(), "{key}: document untouched");
    }
}

#[test]
fn an_existing_document_problem_does_not_block_unrelated_edits() {
    // Unwired users is a problem of the half-built diagram, not of the workers value.
    let mut doc = fixture();
    doc.wires.remove(0);
    let cmd = Command::SetParam {
        id: "web-1".into(),
        key: "workers".into(),
        value: json!(2),
    };
    assert!(cmd.apply(&mut doc).is_ok());
}

#[test]
fn rename_round_trips() {
    round_trip(
        Command::Rename {
            id: "db-1".into(),
            name: "Orders DB".into(),
        },
        |d| {
            assert_eq!(d.node("db-1").map(|n| n.name.as_str()), Some("Orders DB"));
        },
    );
}

#[test]
fn wires_add_and_remove_round_trip() {
    let w = Wire {
        from: "users".into(),
        to: "web-1".into(),
        latency_ms: None,
        ..Default::default()
    };
    round_trip(Command::AddWire(w), |d| assert_eq!(d.wires.len(), 7));
    round_trip(
        Command::RemoveWire {
            from: "web-2".into(),
            to: "db-1".into(),
        },
        |d| {
            assert_eq!(d.wires.len(), 5);
            assert!(d.wires.iter().all(|w| w.latency_ms.is_none()));
        },
    );
}

#[test]
fn a_refused_wire_says_what_to_do_instead() {
    let mut doc = fixture();
    let w = Wire {
        from: "web-1".into(),
        to: "users".into(),
        latency_ms: None,
        ..Default::default()
    };
    match Command::AddWire(w).apply(&mut doc) {
        Err(EditError::Refused(r)) => assert_eq!(
            r,
            "a web server cannot send requests to users: a web server sends to a session store, \
             a cache, a database, a shard router or a message queue"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let w = Wire {
        from: "db-2".into(),
        to: "db-1".into(),
        latency_ms: None,
        ..Default::default()
    };
    match Command::AddWire(w).apply(&mut doc) {
        Err(EditError::Refused(r)) => assert!(
            r.contains("drag from the primary to a database with no role"),
            "{r}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn wires_are_refused_with_a_short_reason() {
    let cases = [
        (
            "web-1",
            "users",
            "a web server cannot send requests to users",
        ),
        (
            "db-1",
            "lb-1",
            "a database cannot send requests to a load balancer",
        ),
        ("web-1", "web-1", "a node cannot be wired to itself"),
        ("lb-1", "web-1", "lb-1 is already wired to web-1"),
        ("db-2", "db-1", "a database -> database wire is replication"),
        ("web-1", "ghost", "no node \"ghost\""),
    ];
    for (from, to, want) in cases {
        let mut doc = fixture();
        let w = Wire {
            from: from.into(),
            to: to.into(),
            latency_ms: None,
            ..Default::default()
        };
        match Command::AddWire(w).apply(&mut doc) {
            Err(EditError::Refused(r)) | Err(EditError::Missing(r)) => {
                assert!(r.starts_with(want), "{from}->{to}: {r}");
                // One or two sentences: the notice next to the pointer wraps them.
                assert!(r.len() < 220, "short: {r}");
            }
            other => panic!("{from}->{to}: expected refusal, got {other:?}"),
        }
        assert_eq!(doc, fixture());
    }
}

#[test]
fn a_second_primary_for_a_replica_is_refused() {
    let mut doc = fixture();
    Command::AddNode(Node {
        role: Some(scaleboard_sim::Role::Primary),
        ..Node::new("db-3", Kind::Database, 0.0, 0.0)
    })
    .apply(&mut doc)
    .expect("adds");
    let w = Wire {
        from: "db-3".into(),
        to: "db-2".into(),
        latency_ms: None,
        ..Default::default()
    };
    let err = Command::AddWire(w).apply(&mut doc);
    assert!(
        matches!(err, Err(EditError::Refused(ref r)) if r.contains("already replicates")),
        "{err:?}"
    );
}

#[test]
fn data_centers_round_trip() {
    let dc = DataCenter {
        id: "dc-2".into(),
        name: "West".into(),
        region: "us-west".into(),
        x: 0.0,
        y: 500.0,
        w: 300.0,
        h: 200.0,
    };
    round_trip(Command::AddDataCenter(dc), |d| {
        assert_eq!(d.data_centers.len(), 2)
    });
    round_trip(
        Command::MoveDataCenter {
            id: "dc-1".into(),
            dx: 16.0,
            dy: -32.0,
        },
        |d| {
            assert_eq!(d.data_centers[0].x, 216.0);
            assert_eq!(
                d.node("lb-1").map(|n| (n.x, n.y)),
                Some((336.0, 168.0)),
                "members move"
            );
            assert_eq!(d.node("users").map(|n| n.x), Some(100.0), "others stay");
        },
    );
    round_trip(
        Command::ResizeDataCenter {
            id: "dc-1".into(),
            rect: Rect::new(1.0, 2.0, 3.0, 4.0),
        },
        |d| {
            assert_eq!((d.data_centers[0].w, d.data_centers[0].h), (3.0, 4.0));
        },
    );
    round_trip(
        Command::EditDataCenter {
            id: "dc-1".into(),
            name: "Frankfurt".into(),
            region: "eu".into(),
        },
        |d| assert_eq!(d.data_centers[0].region, "eu"),
    );
    round_trip(Command::RemoveDataCenter("dc-1".into()), |d| {
        assert!(d.data_centers.is_empty());
        assert!(d.nodes.iter().all(|n| n.dc.is_none()), "members leave it");
        assert_eq!(d.faults.len(), 2, "the outage goes with it");
    });
}

#[test]
fn data_center_edits_are_validated() {
    let mut doc = fixture();
    let zero = Command::ResizeDataCenter {
        id: "dc-1".into(),
        rect: Rect::new(0.0, 0.0, 0.0, 10.0),
    };
    assert!(zero.apply(&mut doc).is_err());
    let dup = DataCenter {
        id: "dc-1".into(),
        name: String::new(),
        region: "x".into(),
        x: 0.0,
        y: 0.0,
        w: 1.0,
        h: 1.0,
    };
    assert!(Command::AddDataCenter(dup).apply(&mut doc).is_err());
    assert!(Command::SetNodeDc {
        ids: vec!["db-1".into()],
        dc: Some("dc-7".into())
    }
    .apply(&mut doc)
    .is_err());
    assert_eq!(doc, fixture());
}

#[test]
fn set_node_dc_round_trips() {
    round_trip(
        Command::SetNodeDc {
            ids: vec!["db-1".into(), "web-1".into()],
            dc: Some("dc-1".into()),
        },
        |d| {
            assert_eq!(d.node("db-1").and_then(|n| n.dc.as_deref()), Some("dc-1"));
        },
    );
    round_trip(
        Command::SetNodeDc {
            ids: vec!["web-1".into()],
            dc: None,
        },
        |d| {
            assert_eq!(d.node("web-1").and_then(|n| n.dc.clone()), None);
        },
    );
}

#[test]
fn paste_gives_fresh_ids_and_rewires_among_the_copies() {
    let doc = fixture();
    let nodes: Vec<Node> = ["web-1", "db-1"]
        .iter()
        .filter_map(|id| doc.node(id).cloned())
        .collect();
    let wires = vec![
        Wire {
            from: "web-1".into(),
            to: "db-1".into(),
            latency_ms: Some(3.0),
            ..Default::default()
        },
        Wire {
            from: "lb-1".into(),
            to: "web-1".into(),
            latency_ms: None,
            ..Default::default()
        },
    ];
    round_trip(Command::Paste { nodes, wires }, |d| {
        assert_eq!(&ids(d)[6..], ["web-3", "db-3"]);
        let last = d.wires.last().expect("a wire");
        assert_eq!(
            (last.from.as_str(), last.to.as_str(), last.latency_ms),
            ("web-3", "db-3", Some(3.0))
        );
        assert_eq!(
            d.wires.len(),
            7,
            "the wire from outside the copy is dropped"
        );
        assert!(load(&d.to_json()).is_ok(), "still a valid document");
    });
}

#[test]
fn faults_round_trip_and_are_validated() {
    let f = Fault {
        at_s: 5.0,
        action: Action::Spike,
        node: Some("users".into()),
        dc: None,
        factor: Some(3.0),
        rate_rps: None,
        duration_s: Some(10.0),
        from: None,
        to: None,
        delay_ms: None,
    };
    round_trip(Command::SetFaults(vec![f.clone()]), |d| {
        assert_eq!(d.faults.len(), 1)
    });
    let mut doc = fixture();
    let bad = Fault {
        node: Some("web-1".into()),
        ..f
    };
    let err = Command::SetFaults(vec![bad]).apply(&mut doc);
    assert!(
        matches!(err, Err(EditError::Invalid(ref d)) if d[0].path == "faults[0].node"),
        "{err:?}"
    );
    assert_eq!(doc, fixture());
}

#[test]
fn batch_is_all_or_nothing() {
    let ok = Command::Batch(vec![
        Command::MoveNodes {
            ids: vec!["db-1".into()],
            dx: 3.0,
            dy: 3.0,
        },
        Command::Rename {
            id: "db-1".into(),
            name: "A".into(),
        },
        Command::RemoveNodes(vec!["db-2".into()]),
    ]);
    round_trip(ok, |d| assert_eq!(d.nodes.len(), 5));
    let mut doc = fixture();
    let failing = Command::Batch(vec![
        Command::MoveNodes {
            ids: vec!["db-1".into()],
            dx: 3.0,
            dy: 3.0,
        },
        Command::RemoveNodes(vec!["db-2".into()]),
        Command::Rename {
            id: "db-2".into(),
            name: "gone".into(),
        },
    ]);
    assert!(failing.apply(&mut doc).is_err());
    assert_eq!(
        doc,
        fixture(),
        "earlier commands of a failed batch are undone"
    );
}

#[test]
fn document_fields_round_trip_and_are_validated() {
    round_trip(
        Command::SetDocField {
            key: "seed".into(),
            value: json!(42),
        },
        |d| assert_eq!(d.seed, 42),
    );
    round_trip(
        Command::SetDocField {
            key: "name".into(),
            value: json!("Shop"),
        },
        |d| assert_eq!(d.name, "Shop"),
    );
    round_trip(
        Command::SetDocField {
            key: "network".into(),
            value: json!({ "cross_region_ms": 80.5 }),
        },
        |d| {
            assert_eq!(
                (d.network.cross_region_ms, d.network.intra_dc_ms),
                (80.5, 0.5)
            )
        },
    );
    round_trip(
        Command::SetDocField {
            key: "window_ms".into(),
            value: json!(250.25),
        },
        |d| assert_eq!(d.window_ms, 250.25),
    );
    // A fault injected during a live run is recorded in the document as one undoable step.
    let target = fixture().nodes[1].id.clone();
    round_trip(
        Command::SetDocField {
            key: "faults".into(),
            value: json!([{ "at_s": 12.5, "action": "fail", "node": target }]),
        },
        |d| {
            assert_eq!(d.faults.len(), 1);
            assert_eq!(d.faults[0].at_s, 12.5);
            assert_eq!(d.faults[0].node.as_deref(), Some(target.as_str()));
        },
    );
    for (key, value) in [
        ("window_ms", json!(0)),
        ("seed", json!(-1)),
        // A fault on a node that does not exist never enters the document.
        (
            "faults",
            json!([{ "at_s": 1, "action": "fail", "node": "no-such-node" }]),
        ),
        ("nodes", json!([])),
        ("version", json!(2)),
    ] {
        let mut doc = fixture();
        let cmd = Command::SetDocField {
            key: key.into(),
            value,
        };
        assert!(cmd.apply(&mut doc).is_err(), "{key}");
        assert_eq!(doc, fixture());
    }
}

#[test]
fn replacing_the_document_is_one_undoable_step() {
    let other = scaleboard_sim::load(include_str!("../../../static/scenarios/05-cache.json"))
        .expect("valid");
    let expected = other.clone();
    round_trip(Command::ReplaceDocument(Box::new(other)), |d| {
        assert_eq!(*d, expected)
    });
    // Through the editor: New, Open or a journey step never loses the work that was there.
    let mut e = scaleboard_sim::edit::Editor::new(fixture());
    e.replace_document(expected.clone());
    assert_eq!(e.doc, expected);
    e.run(scaleboard_sim::edit::ActionId::Undo);
    assert_eq!(e.doc, fixture(), "undo brings the previous document back");
    e.run(scaleboard_sim::edit::ActionId::Redo);
    assert_eq!(e.doc, expected);
}

#[test]
fn wire_fields_round_trip() {
    // A call policy and a breaker on web-1 -> db-1, then taken off again (null).
    round_trip(
        Command::SetWireField {
            from: "web-1".into(),
            to: "db-1".into(),
            key: "policy".into(),
            value: json!({ "timeout_ms": 250, "retries": 2, "budget": 0.1 }),
        },
        |d| {
            let p = d.wires[3].policy.expect("policy set");
            assert_eq!((p.timeout_ms, p.retries, p.budget), (250.0, 2, Some(0.1)));
            // Unwritten parts take the documented defaults.
            assert_eq!(p.backoff_ms, 10.0);
        },
    );
    round_trip(
        Command::SetWireField {
            from: "web-1".into(),
            to: "db-1".into(),
            key: "breaker".into(),
            value: json!({ "failures": 5, "open_s": 2 }),
        },
        |d| {
            let b = d.wires[3].breaker.expect("breaker set");
            assert_eq!((b.failures, b.open_s, b.window_s), (Some(5), 2.0, 10.0));
        },
    );
    // Removing the latency of web-2 -> db-1 (1.5 ms) puts the network default back.
    round_trip(
        Command::SetWireField {
            from: "web-2".into(),
            to: "db-1".into(),
            key: "latency_ms".into(),
            value: json!(null),
        },
        |d| assert_eq!(d.wires[4].latency_ms, None),
    );
}

#[test]
fn bad_wire_values_never_enter_the_document() {
    let cases = [
        (
            "latency_ms",
            json!(-4),
            "wires[3].latency_ms: must be between 0 and 60000, got -4",
        ),
        (
            "policy",
            json!({ "timeout_ms": 100, "retries": -1 }),
            "wires[3].policy: ",
        ),
        (
            "breaker",
            json!({ "failures": "five" }),
            "wires[3].breaker: ",
        ),
        ("speed", json!(3), "wires[3].speed: unknown field \"speed\""),
        ("to", json!("db-2"), "cannot be changed"),
    ];
    for (key, value, want) in cases {
        let mut doc = fixture();
        let cmd = Command::SetWireField {
            from: "web-1".into(),
            to: "db-1".into(),
            key: key.into(),
            value,
        };
        let err = cmd.apply(&mut doc).expect_err(key);
        let text: Vec<String> = err.diagnostics().iter().map(|d| d.to_string()).collect();
        assert!(text.iter().any(|t| t.contains(want)), "{key}: {text:?}");
        assert_eq!(doc, fixture(), "{key}: document untouched");
    }
    // A wire that is not there is said so, by its ends.
    let err = Command::SetWireField {
        from: "web-1".into(),
        to: "db-2".into(),
        key: "latency_ms".into(),
        value: json!(3),
    }
    .apply(&mut fixture())
    .expect_err("no such wire");
    assert_eq!(err, EditError::Missing("no wire web-1 -> db-2".into()));
}

#[test]
fn a_wire_edit_is_one_undo_step() {
    let mut ed = scaleboard_sim::edit::Editor::new(fixture());
    ed.set_wire_field("web-1", "db-1", "policy", json!({ "timeout_ms": 300 }))
        .expect("policy applies");
    // Refused (a negative count), so not a step of its own.
    let refused = ed.set_wire_field(
        "web-1",
        "db-1",
        "policy",
        json!({ "timeout_ms": 100, "retries": -1 }),
    );
    assert!(refused.is_err());
    assert_eq!(ed.doc.wires[3].policy.map(|p| p.timeout_ms), Some(300.0));
    assert!(ed.undo());
    assert_eq!(ed.doc, fixture());
}
