//! A read-only diagram (an embed with `?readonly`): it can be looked at, selected, panned,
//! zoomed and run, but nothing a pointer, key or command does changes the design; the run's
//! own log (faults injected, the seed) is still recorded.

use scaleboard_sim::edit::geometry::NODE_W;
use scaleboard_sim::edit::{ActionId, Command, Editor, Mods, PointerInput, Tool};
use scaleboard_sim::{load, Kind};
use serde_json::json;

fn editor() -> Editor {
    let json = include_str!("../../../static/scenarios/03-load-balancer.json");
    let mut e = Editor::new(load(json).expect("a valid built-in scenario"));
    e.read_only = true;
    e
}

fn drag(e: &mut Editor, a: (f64, f64), b: (f64, f64)) {
    e.pointer_down(PointerInput::at(a.0, a.1));
    for i in 1..=8 {
        let t = f64::from(i) / 8.0;
        e.pointer_move(PointerInput::at(
            a.0 + (b.0 - a.0) * t,
            a.1 + (b.1 - a.1) * t,
        ));
    }
    e.pointer_up(PointerInput::at(b.0, b.1));
}

#[test]
fn pointer_selects_and_pans_but_never_moves_or_wires() {
    let mut e = editor();
    let before = e.doc.clone();
    let n = e.doc.nodes[1].clone();
    // Dragging a node selects it and leaves it where it was.
    drag(&mut e, (n.x, n.y), (n.x + 200.0, n.y + 120.0));
    assert_eq!(e.doc, before, "the node did not move");
    assert!(e.selection.contains(&n.id), "but it is selected");
    // Dragging from an output handle draws no wire.
    let last = e.doc.nodes.last().expect("nodes").clone();
    drag(&mut e, (n.x + NODE_W / 2.0, n.y), (last.x, last.y));
    assert_eq!(e.doc, before, "no wire added");
    assert!(matches!(e.tool, Tool::Idle));
    // Dragging the empty canvas pans the view.
    let (x, y) = (
        before.nodes.iter().map(|n| n.x).fold(f64::MIN, f64::max) + 600.0,
        -400.0,
    );
    let pan = e.viewport.pan_x;
    drag(&mut e, (x, y), (x - 100.0, y));
    assert_eq!(e.doc, before);
    assert!(
        (e.viewport.pan_x - (pan - 100.0)).abs() < 1e-9,
        "panned by the drag: {}",
        e.viewport.pan_x
    );
}

#[test]
fn keys_and_commands_that_edit_are_refused_view_actions_work() {
    let mut e = editor();
    let before = e.doc.clone();
    e.run(ActionId::SelectAll);
    for a in [
        ActionId::Delete,
        ActionId::Duplicate,
        ActionId::Cut,
        ActionId::Paste,
        ActionId::NudgeLeft,
        ActionId::NudgeDownBig,
        ActionId::Undo,
    ] {
        assert!(!e.run(a), "{a:?} is refused");
    }
    e.key_down("Delete", Mods::default());
    e.key_down("ArrowLeft", Mods::default());
    assert_eq!(e.doc, before, "nothing changed");
    assert!(
        e.add_node(Kind::Cache, scaleboard_sim::edit::Point::new(0.0, 0.0))
            .is_err(),
        "nothing can be placed"
    );
    let set = Command::SetParam {
        id: before.nodes[1].id.clone(),
        key: "workers".into(),
        value: json!(3),
    };
    assert!(e.apply(set).is_err(), "no parameter changes");
    assert_eq!(e.doc, before);
    let zoom = e.viewport.zoom;
    assert!(e.run(ActionId::ZoomIn));
    assert!(e.viewport.zoom > zoom, "zooming works");
    // The run's log is still written: a fault injected during a live run, and the seed.
    let web = before
        .nodes
        .iter()
        .find(|n| n.kind == Kind::WebServer)
        .expect("a web server");
    e.apply(Command::SetDocField {
        key: "faults".into(),
        value: json!([{ "at_s": 3, "action": "fail", "node": web.id }]),
    })
    .expect("faults are the run's log");
    e.apply(Command::SetDocField {
        key: "seed".into(),
        value: json!(7),
    })
    .expect("so is the seed");
    assert_eq!((e.doc.faults.len(), e.doc.seed), (1, 7));
    assert!(e
        .apply(Command::SetDocField {
            key: "name".into(),
            value: json!("renamed")
        })
        .is_err());
}
