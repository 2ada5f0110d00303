//! Undo/redo: one step per edit, one step per gesture, rollback on Escape, bounded depth.

use scaleboard_sim::edit::{Command, History};
use scaleboard_sim::{load, Scenario};

const DOC: &str = r#"{
  "version": 1, "name": "History",
  "nodes": [
    { "id": "users", "kind": "users", "x": 0, "y": 0 },
    { "id": "web-1", "kind": "web_server", "x": 200, "y": 0 },
    { "id": "web-2", "kind": "web_server", "x": 200, "y": 100 }
  ],
  "wires": [ { "from": "users", "to": "web-1" } ]
}"#;

fn doc() -> Scenario {
    load(DOC).expect("loads")
}

fn x_of(d: &Scenario, id: &str) -> f64 {
    d.node(id).map_or(f64::NAN, |n| n.x)
}

fn mv(id: &str, dx: f64) -> Command {
    Command::MoveNodes {
        ids: vec![id.to_string()],
        dx,
        dy: 0.0,
    }
}

#[test]
fn undo_and_redo_walk_the_steps() {
    let mut d = doc();
    let mut h = History::default();
    h.apply(&mut d, mv("web-1", 10.0)).expect("move");
    h.apply(
        &mut d,
        Command::Rename {
            id: "web-1".into(),
            name: "A".into(),
        },
    )
    .expect("rename");
    assert_eq!(h.undo_len(), 2);
    assert!(h.undo(&mut d).expect("undo"));
    assert_eq!(d.node("web-1").map(|n| n.name.as_str()), Some(""));
    assert!(h.undo(&mut d).expect("undo"));
    assert_eq!(d, doc());
    assert!(!h.undo(&mut d).expect("nothing left"));
    assert!(h.redo(&mut d).expect("redo"));
    assert!(h.redo(&mut d).expect("redo"));
    assert_eq!(x_of(&d, "web-1"), 210.0);
    assert_eq!(d.node("web-1").map(|n| n.name.as_str()), Some("A"));
    assert!(!h.can_redo());
}

#[test]
fn a_new_edit_clears_redo() {
    let mut d = doc();
    let mut h = History::default();
    h.apply(&mut d, mv("web-1", 10.0)).expect("move");
    h.undo(&mut d).expect("undo");
    assert!(h.can_redo());
    h.apply(&mut d, mv("web-2", 5.0)).expect("move");
    assert!(!h.can_redo());
}

#[test]
fn a_failed_edit_records_nothing() {
    let mut d = doc();
    let mut h = History::default();
    assert!(h.apply(&mut d, mv("ghost", 1.0)).is_err());
    assert!(!h.can_undo());
    assert_eq!(d, doc());
}

#[test]
fn a_marked_gesture_is_one_step() {
    let mut d = doc();
    let mut h = History::default();
    h.mark();
    for i in 1..=50 {
        let nodes = vec![
            ("web-1".to_string(), 200.0 + f64::from(i), 0.0),
            ("web-2".to_string(), 200.0, 100.0 + f64::from(i)),
        ];
        h.apply(&mut d, Command::SetPlacement { nodes, dcs: vec![] })
            .expect("place");
    }
    h.apply(
        &mut d,
        Command::SetNodeDc {
            ids: vec![],
            dc: None,
        },
    )
    .expect("no-op assignment");
    h.commit();
    assert_eq!(h.undo_len(), 1);
    assert_eq!(x_of(&d, "web-1"), 250.0);
    h.undo(&mut d).expect("undo");
    assert_eq!(d, doc(), "the whole drag is undone in one step");
    h.redo(&mut d).expect("redo");
    assert_eq!(x_of(&d, "web-1"), 250.0);
    assert_eq!(d.node("web-2").map(|n| n.y), Some(150.0));
}

#[test]
fn rollback_to_mark_puts_everything_back_and_leaves_no_step() {
    let mut d = doc();
    let mut h = History::default();
    h.apply(
        &mut d,
        Command::Rename {
            id: "users".into(),
            name: "Visitors".into(),
        },
    )
    .expect("rename");
    let before = d.clone();
    h.mark();
    h.apply(&mut d, mv("web-1", 33.0)).expect("move");
    h.apply(&mut d, Command::RemoveNodes(vec!["web-2".into()]))
        .expect("remove");
    h.rollback_to_mark(&mut d);
    assert_eq!(d, before);
    assert!(!h.is_marked());
    assert_eq!(h.undo_len(), 1, "only the rename remains");
}

#[test]
fn an_empty_gesture_leaves_no_step() {
    let mut h = History::default();
    h.mark();
    h.commit();
    assert!(!h.can_undo());
}

#[test]
fn undo_during_an_open_gesture_commits_it_first() {
    let mut d = doc();
    let mut h = History::default();
    h.mark();
    h.apply(&mut d, mv("web-1", 1.0)).expect("move");
    h.apply(&mut d, mv("web-1", 1.0)).expect("move");
    assert!(h.undo(&mut d).expect("undo"));
    assert_eq!(d, doc());
}

#[test]
fn depth_is_bounded() {
    let mut d = doc();
    let mut h = History::new(5);
    for _ in 0..8 {
        h.apply(&mut d, mv("web-1", 1.0)).expect("move");
    }
    assert_eq!(h.undo_len(), 5);
    while h.undo(&mut d).expect("undo") {}
    assert_eq!(
        x_of(&d, "web-1"),
        203.0,
        "the three oldest steps were forgotten"
    );
}

#[test]
fn default_depth_is_500() {
    let mut d = doc();
    let mut h = History::default();
    for _ in 0..600 {
        h.apply(&mut d, mv("web-2", 1.0)).expect("move");
    }
    assert_eq!(h.undo_len(), 500);
}

#[test]
fn clear_forgets_everything() {
    let mut d = doc();
    let mut h = History::default();
    h.apply(&mut d, mv("web-1", 1.0)).expect("move");
    h.undo(&mut d).expect("undo");
    h.apply(&mut d, mv("web-1", 2.0)).expect("move");
    h.clear();
    assert!(!h.can_undo() && !h.can_redo());
}
