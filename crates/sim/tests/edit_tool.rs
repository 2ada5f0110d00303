//! The editor driven by pointer and key events, as the canvas forwards them.

use scaleboard_sim::edit::geometry::NODE_W;
use scaleboard_sim::edit::Point;
use scaleboard_sim::edit::{Button, Editor, Mods, PointerInput, Tool};
use scaleboard_sim::{load, parse, Kind};
use serde_json::json;

fn empty() -> Editor {
    Editor::new(parse(r#"{ "version": 1, "name": "New", "nodes": [] }"#).expect("parses"))
}

const SHIFT: Mods = Mods {
    shift: true,
    ctrl: false,
    meta: false,
    alt: false,
};
const CTRL: Mods = Mods {
    shift: false,
    ctrl: true,
    meta: false,
    alt: false,
};
const CMD_SHIFT: Mods = Mods {
    shift: true,
    ctrl: false,
    meta: true,
    alt: false,
};

fn p(x: f64, y: f64) -> PointerInput {
    PointerInput::at(x, y)
}

fn with(mods: Mods, x: f64, y: f64) -> PointerInput {
    PointerInput {
        mods,
        ..PointerInput::at(x, y)
    }
}

/// Drag with the primary button from `a` to `b` in `steps` moves [px, screen].
fn drag(e: &mut Editor, a: (f64, f64), b: (f64, f64), steps: u32) {
    e.pointer_down(p(a.0, a.1));
    for i in 1..=steps {
        let t = f64::from(i) / f64::from(steps);
        e.pointer_move(p(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
    }
    e.pointer_up(p(b.0, b.1));
}

/// Drag a wire from `from`'s output handle onto `to`'s centre.
fn wire(e: &mut Editor, from: &str, to: &str) {
    let a = e
        .doc
        .node(from)
        .map(|n| (n.x + NODE_W / 2.0, n.y))
        .expect("from exists");
    let b = e.doc.node(to).map(|n| (n.x, n.y)).expect("to exists");
    drag(e, a, b, 4);
}

/// Adds a node of `kind` centred at (`x`, `y`) [px, world]; the tests' documents always take one,
/// so a refusal fails the test.
trait Place {
    fn place(&mut self, kind: Kind, x: f64, y: f64) -> String;
}

impl Place for Editor {
    fn place(&mut self, kind: Kind, x: f64, y: f64) -> String {
        self.add_node(kind, Point::new(x, y))
            .unwrap_or_else(|e| panic!("cannot add a {kind:?} at ({x}, {y}): {e:?}"))
    }
}

fn pos(e: &Editor, id: &str) -> (f64, f64) {
    e.doc.node(id).map_or((f64::NAN, f64::NAN), |n| (n.x, n.y))
}

fn selected(e: &Editor) -> Vec<&str> {
    e.selection.iter().map(String::as_str).collect()
}

#[test]
fn build_users_lb_two_webs_database_from_an_empty_canvas() {
    let mut e = empty();
    let users = e.place(Kind::Users, 100.0, 300.0);
    let lb = e.place(Kind::LoadBalancer, 400.0, 300.0);
    let w1 = e.place(Kind::WebServer, 700.0, 200.0);
    let w2 = e.place(Kind::WebServer, 700.0, 400.0);
    let db = e.place(Kind::Database, 1000.0, 300.0);
    assert_eq!(
        [&users, &lb, &w1, &w2, &db],
        ["users-1", "lb-1", "web-1", "web-2", "db-1"]
    );
    for (a, b) in [
        (&users, &lb),
        (&lb, &w1),
        (&lb, &w2),
        (&w1, &db),
        (&w2, &db),
    ] {
        wire(&mut e, a, b);
    }
    assert_eq!(e.doc.wires.len(), 5);
    assert!(load(&e.doc.to_json()).is_ok(), "a valid, runnable document");
    e.set_param(&w1, "workers", json!(16)).expect("valid value");
    assert_eq!(e.history.undo_len(), 11, "5 adds, 5 wires, 1 parameter");
    let built = e.doc.clone();
    assert!(e.key_down("z", CTRL));
    assert_eq!(e.doc.node(&w1).and_then(|n| n.workers), None);
    assert!(e.key_down("Z", CMD_SHIFT));
    assert_eq!(e.doc, built);
}

#[test]
fn a_refused_wire_says_why_where_the_pointer_is() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    e.place(Kind::Users, 400.0, 0.0);
    e.pointer_down(p(NODE_W / 2.0, 0.0));
    e.pointer_move(p(400.0, 0.0));
    match &e.tool {
        Tool::Wiring {
            target, refusal, ..
        } => {
            assert_eq!(target.as_deref(), Some("users-1"));
            assert!(
                refusal
                    .as_deref()
                    .is_some_and(|r| r.starts_with("a web server cannot send requests to users: ")),
                "{refusal:?}"
            );
        }
        other => panic!("expected wiring, got {other:?}"),
    }
    e.pointer_up(p(400.0, 0.0));
    assert!(e.doc.wires.is_empty());
    let notice = e.notice.clone().expect("a notice");
    assert_eq!(notice.at, Point::new(400.0, 0.0));
    assert!(notice.text.contains("cannot send"));
    // Dropping on empty canvas is not an error.
    e.pointer_down(p(NODE_W / 2.0, 0.0));
    e.pointer_up(p(250.0, 300.0));
    assert!(e.notice.is_none() && e.doc.wires.is_empty());
}

/// Workshop rehearsal, item 3: wiring a primary to a database with no role of its own makes it
/// the replica, as one undoable edit; a database that already has a role keeps it.
#[test]
fn wiring_a_primary_to_a_plain_database_makes_it_its_replica() {
    let mut e = empty();
    let a = e.place(Kind::Database, 0.0, 0.0);
    let b = e.place(Kind::Database, 400.0, 0.0);
    let (a, b) = (a.as_str(), b.as_str());
    assert!(
        e.doc.node(b).is_some_and(|n| n.role.is_none()),
        "no role yet"
    );
    // While dragging over it, nothing is refused.
    e.pointer_down(p(NODE_W / 2.0, 0.0));
    e.pointer_move(p(400.0, 0.0));
    match &e.tool {
        Tool::Wiring {
            target, refusal, ..
        } => {
            assert_eq!(target.as_deref(), Some(b));
            assert_eq!(refusal, &None, "the wire will be accepted");
        }
        other => panic!("expected wiring, got {other:?}"),
    }
    e.pointer_up(p(400.0, 0.0));
    assert!(e.notice.is_none(), "{:?}", e.notice);
    assert_eq!(e.doc.wires.len(), 1);
    assert_eq!(
        e.doc.node(b).and_then(|n| n.role),
        Some(scaleboard_sim::Role::Replica)
    );
    assert!(scaleboard_sim::validate(&e.doc)
        .iter()
        .all(|d| !d.path.starts_with("wires")));
    // One undo takes back both the wire and the role.
    assert!(e.undo());
    assert!(e.doc.wires.is_empty());
    assert!(e.doc.node(b).is_some_and(|n| n.role.is_none()));
    // The other way round is refused: the replica would replicate to its primary.
    assert!(e.redo());
    assert!(e.wire(b, a).is_err());
}

/// A database that web servers already call is not silently turned into a replica: their
/// writes would move to another primary.
#[test]
fn a_database_in_use_is_not_turned_into_a_replica() {
    let mut e = empty();
    let web = e.place(Kind::WebServer, 0.0, 300.0);
    let a = e.place(Kind::Database, 0.0, 0.0);
    let b = e.place(Kind::Database, 400.0, 0.0);
    e.wire(&web, &b).expect("web -> database");
    let why = e.wire(&a, &b).expect_err("refused");
    assert!(why.contains("already takes requests"), "{why}");
    assert!(
        e.doc.node(&b).is_some_and(|n| n.role.is_none()),
        "unchanged"
    );
}

/// Workshop rehearsal, item 2: the notice goes away on the next action (a key, an edit, undo).
#[test]
fn a_notice_goes_away_on_the_next_action() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    e.place(Kind::Users, 400.0, 0.0);
    let refuse = |e: &mut Editor| {
        e.pointer_down(p(NODE_W / 2.0, 0.0));
        e.pointer_move(p(400.0, 0.0));
        e.pointer_up(p(400.0, 0.0));
        assert!(
            e.notice.is_some(),
            "refused: {:?} {:?}",
            e.doc.wires,
            e.tool
        );
    };
    refuse(&mut e);
    e.key_down("Escape", Mods::default());
    assert!(e.notice.is_none(), "Escape");
    refuse(&mut e);
    e.place(Kind::Cache, 0.0, 300.0);
    assert!(e.notice.is_none(), "an edit");
    refuse(&mut e);
    e.key_down("z", CTRL);
    assert!(e.notice.is_none(), "Ctrl+Z");
}

#[test]
fn a_drag_is_one_undo_step_and_snaps() {
    let mut e = empty();
    e.place(Kind::WebServer, 160.0, 160.0);
    let steps = e.history.undo_len();
    drag(&mut e, (160.0, 160.0), (263.0, 211.0), 30);
    assert_eq!(
        pos(&e, "web-1"),
        (256.0, 208.0),
        "snapped to the 16 px grid"
    );
    assert_eq!(e.history.undo_len(), steps + 1);
    e.undo();
    assert_eq!(pos(&e, "web-1"), (160.0, 160.0));
}

#[test]
fn alt_drag_does_not_snap() {
    let mut e = empty();
    e.place(Kind::WebServer, 160.0, 160.0);
    e.pointer_down(p(160.0, 160.0));
    e.pointer_move(with(
        Mods {
            alt: true,
            ..Mods::default()
        },
        263.0,
        211.0,
    ));
    e.pointer_up(p(263.0, 211.0));
    assert_eq!(pos(&e, "web-1"), (263.0, 211.0));
}

#[test]
fn escape_during_a_drag_puts_everything_back() {
    let mut e = empty();
    e.place(Kind::WebServer, 160.0, 160.0);
    let before = (e.doc.clone(), e.history.clone());
    e.pointer_down(p(160.0, 160.0));
    e.pointer_move(p(300.0, 300.0));
    assert_ne!(e.doc, before.0);
    assert!(e.key_down("Escape", Mods::default()));
    assert_eq!(e.doc, before.0);
    assert_eq!(e.history, before.1, "no undo step either");
    assert_eq!(e.tool, Tool::Idle);
    assert_eq!(
        selected(&e),
        ["web-1"],
        "Escape during a drag keeps the selection"
    );
    e.pointer_up(p(300.0, 300.0));
    assert_eq!(e.doc, before.0);
}

#[test]
fn pointer_cancel_rolls_back_too() {
    let mut e = empty();
    e.place(Kind::WebServer, 160.0, 160.0);
    let before = e.doc.clone();
    e.pointer_down(p(160.0, 160.0));
    e.pointer_move(p(300.0, 300.0));
    assert!(e.pointer_cancel());
    assert_eq!(e.doc, before);
}

#[test]
fn a_click_selects_without_an_undo_step() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    e.place(Kind::Database, 0.0, 200.0);
    let steps = e.history.undo_len();
    e.pointer_down(p(1.0, 1.0));
    e.pointer_move(p(2.0, 2.0)); // within the drag threshold
    e.pointer_up(p(2.0, 2.0));
    assert_eq!(selected(&e), ["web-1"]);
    assert_eq!(pos(&e, "web-1"), (0.0, 0.0));
    assert_eq!(e.history.undo_len(), steps);
}

#[test]
fn shift_click_toggles_and_marquee_selects() {
    let mut e = empty();
    for (i, k) in [Kind::WebServer, Kind::WebServer, Kind::Database]
        .into_iter()
        .enumerate()
    {
        e.place(k, 0.0, 200.0 * i as f64);
    }
    e.pointer_down(p(0.0, 0.0));
    e.pointer_up(p(0.0, 0.0));
    e.pointer_down(with(SHIFT, 0.0, 400.0));
    e.pointer_up(with(SHIFT, 0.0, 400.0));
    assert_eq!(selected(&e), ["db-1", "web-1"]);
    e.pointer_down(with(SHIFT, 0.0, 0.0));
    e.pointer_up(with(SHIFT, 0.0, 0.0));
    assert_eq!(selected(&e), ["db-1"]);
    // A marquee over the first two replaces the selection...
    drag(&mut e, (-200.0, -100.0), (200.0, 210.0), 3);
    assert_eq!(selected(&e), ["web-1", "web-2"]);
    assert!(e.tool.marquee_rect().is_none(), "finished");
    // ...a shift-marquee adds to it.
    e.pointer_down(with(SHIFT, -200.0, 380.0));
    e.pointer_move(with(SHIFT, 200.0, 420.0));
    assert!(e.tool.marquee_rect().is_some());
    e.pointer_up(with(SHIFT, 200.0, 420.0));
    assert_eq!(selected(&e), ["db-1", "web-1", "web-2"]);
    // A click on empty canvas clears it.
    e.pointer_down(p(600.0, 600.0));
    e.pointer_up(p(600.0, 600.0));
    assert!(e.selection.is_empty());
}

#[test]
fn dragging_a_selection_moves_all_of_it() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    e.place(Kind::WebServer, 0.0, 192.0);
    e.run(scaleboard_sim::edit::ActionId::SelectAll);
    drag(&mut e, (0.0, 0.0), (64.0, 32.0), 5);
    assert_eq!(pos(&e, "web-1"), (64.0, 32.0));
    assert_eq!(pos(&e, "web-2"), (64.0, 224.0));
}

#[test]
fn nodes_join_the_data_center_they_are_dropped_in_and_move_with_it() {
    let mut e = empty();
    let dc = e
        .add_data_center(Point::new(400.0, 0.0), "eu-west")
        .expect("dc");
    e.place(Kind::WebServer, 100.0, 100.0);
    drag(&mut e, (100.0, 100.0), (600.0, 160.0), 4);
    assert_eq!(e.doc.nodes[0].dc.as_deref(), Some(dc.as_str()));
    let steps = e.history.undo_len();
    // Grab the label strip and move the region: its node comes along, one undo step.
    drag(&mut e, (500.0, 10.0), (532.0, 42.0), 4);
    assert_eq!(
        (e.doc.data_centers[0].x, e.doc.data_centers[0].y),
        (432.0, 32.0)
    );
    assert_eq!(pos(&e, "web-1"), (624.0, 192.0));
    assert_eq!(e.history.undo_len(), steps + 1);
    // Resize from the grip: the node stays.
    drag(
        &mut e,
        (432.0 + 480.0, 32.0 + 320.0),
        (432.0 + 600.0, 32.0 + 400.0),
        2,
    );
    assert_eq!(
        (e.doc.data_centers[0].w, e.doc.data_centers[0].h),
        (608.0, 400.0)
    );
    // Dragged out, it leaves.
    drag(&mut e, (624.0, 192.0), (100.0, 600.0), 4);
    assert_eq!(e.doc.nodes[0].dc, None);
    e.undo();
    assert_eq!(
        e.doc.nodes[0].dc.as_deref(),
        Some(dc.as_str()),
        "leaving is undone with the move"
    );
    assert_eq!(pos(&e, "web-1"), (624.0, 192.0));
}

#[test]
fn palette_drop_inside_a_data_center_puts_the_node_in_it() {
    let mut e = empty();
    e.add_data_center(Point::new(0.0, 0.0), "r").expect("dc");
    let id = e.place(Kind::Cache, 100.0, 100.0);
    assert_eq!(e.doc.node(&id).and_then(|n| n.dc.as_deref()), Some("dc-1"));
}

#[test]
fn keyboard_editing() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    assert!(e.key_down("ArrowRight", Mods::default()));
    assert!(e.key_down("ArrowDown", SHIFT));
    assert_eq!(pos(&e, "web-1"), (16.0, 160.0));
    assert!(e.key_down("d", CTRL));
    assert_eq!(selected(&e), ["web-2"], "the duplicate is selected");
    assert_eq!(pos(&e, "web-2"), (48.0, 192.0));
    assert!(e.key_down("a", CTRL));
    assert!(e.key_down("c", CTRL));
    assert!(e.key_down("v", CTRL));
    assert_eq!(e.doc.nodes.len(), 4);
    assert_eq!(selected(&e), ["web-3", "web-4"]);
    assert!(e.key_down("Delete", Mods::default()));
    assert_eq!(e.doc.nodes.len(), 2);
    assert!(e.key_down("z", CTRL));
    assert_eq!(e.doc.nodes.len(), 4);
    assert!(e.key_down("y", CTRL));
    assert_eq!(e.doc.nodes.len(), 2);
    e.key_down("a", CTRL);
    assert!(e.key_down("Backspace", Mods::default()));
    assert!(e.doc.nodes.is_empty());
    assert!(
        !e.key_down("q", Mods::default()),
        "unbound keys are not handled"
    );
}

#[test]
fn escape_clears_the_selection_when_idle() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    assert!(!e.selection.is_empty());
    e.key_down("Escape", Mods::default());
    assert!(e.selection.is_empty());
}

#[test]
fn deleting_a_selected_wire() {
    let mut e = empty();
    e.place(Kind::Users, 0.0, 0.0);
    e.place(Kind::WebServer, 400.0, 0.0);
    wire(&mut e, "users-1", "web-1");
    e.clear_selection();
    e.pointer_down(p(200.0, 2.0));
    e.pointer_up(p(200.0, 2.0));
    assert_eq!(
        e.selected_wire,
        Some(("users-1".to_string(), "web-1".to_string()))
    );
    e.key_down("Delete", Mods::default());
    assert!(e.doc.wires.is_empty());
    assert_eq!(e.doc.nodes.len(), 2);
}

#[test]
fn undo_drops_vanished_nodes_from_the_selection() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    assert_eq!(selected(&e), ["web-1"]);
    e.undo();
    assert!(e.selection.is_empty());
}

#[test]
fn invalid_inspector_values_are_reported_and_not_applied() {
    let mut e = empty();
    let id = e.place(Kind::Database, 0.0, 0.0);
    let (doc, rev) = (e.doc.clone(), e.revision());
    let err = e.set_param(&id, "workers", json!(0)).expect_err("refused");
    assert_eq!(
        err[0].to_string(),
        "nodes[db-1].workers: must be at least 1, got 0"
    );
    assert_eq!((e.doc.clone(), e.revision()), (doc, rev));
}

#[test]
fn panning_and_zooming() {
    let mut e = empty();
    e.pointer_down(PointerInput {
        button: Button::Middle,
        ..p(10.0, 10.0)
    });
    e.pointer_move(PointerInput {
        button: Button::Middle,
        ..p(40.0, 30.0)
    });
    e.pointer_up(p(40.0, 30.0));
    assert_eq!((e.viewport.pan_x, e.viewport.pan_y), (30.0, 20.0));
    e.key_down(" ", Mods::default());
    drag(&mut e, (0.0, 0.0), (-30.0, -20.0), 2);
    e.key_up(" ");
    assert_eq!((e.viewport.pan_x, e.viewport.pan_y), (0.0, 0.0));
    let at = Point::new(300.0, 200.0);
    let under = e.viewport.to_world(at);
    e.wheel(at, 0.0, -100.0, CTRL);
    assert!(e.viewport.zoom > 1.0);
    let back = e.viewport.to_screen(under);
    assert!((back.x - at.x).abs() < 1e-9 && (back.y - at.y).abs() < 1e-9);
    e.wheel(at, 5.0, 7.0, Mods::default());
    assert!(
        (e.viewport.to_screen(under).y - (at.y - 7.0)).abs() < 1e-9,
        "plain wheel pans"
    );
}

#[test]
fn zoom_to_fit_shows_everything() {
    let mut e = empty();
    e.view_size = (800.0, 600.0);
    e.place(Kind::Users, -2000.0, 0.0);
    e.place(Kind::WebServer, 3000.0, 900.0);
    e.key_down("!", SHIFT);
    let r = e.viewport.visible(800.0, 600.0);
    assert!(
        r.x < -2088.0 && r.right() > 3088.0 && r.y < -32.0 && r.bottom() > 932.0,
        "{r:?}"
    );
}

#[test]
fn a_fitted_view_is_fitted_again_when_the_canvas_changes_size_and_a_moved_one_stays() {
    let mut e = empty();
    e.view_size = (800.0, 600.0);
    e.place(Kind::Users, -2000.0, 0.0);
    e.place(Kind::WebServer, 3000.0, 900.0);
    e.zoom_to_fit();
    let small = e.viewport.zoom;
    // A panel folds away: the canvas is wider and taller, the fitted diagram grows with it.
    e.resize_view(1200.0, 900.0);
    assert_eq!(e.view_size, (1200.0, 900.0));
    assert!(
        e.viewport.zoom > small * 1.4,
        "{} vs {small}",
        e.viewport.zoom
    );
    let r = e.viewport.visible(1200.0, 900.0);
    assert!(r.x < -2000.0 && r.right() > 3000.0, "{r:?}");
    // Zoomed in by hand: a later resize leaves the view alone.
    e.zoom_by(2.0);
    let mine = e.viewport;
    e.resize_view(900.0, 700.0);
    assert_eq!(e.viewport, mine);
    // A size of nothing (a hidden canvas) is ignored.
    e.resize_view(0.0, 0.0);
    assert_eq!(e.view_size, (900.0, 700.0));
}

#[test]
fn a_finger_pans_the_empty_canvas_drags_a_node_and_a_tap_on_nothing_clears_the_selection() {
    let mut e = empty();
    e.place(Kind::WebServer, 0.0, 0.0);
    e.run(scaleboard_sim::edit::ActionId::SelectAll);
    let revision = e.revision();
    // A finger drag on nothing moves the view, not a marquee, and keeps the selection.
    e.touch_down(p(400.0, 300.0));
    assert!(matches!(e.tool, Tool::Panning { .. }), "{:?}", e.tool);
    e.pointer_move(p(430.0, 320.0));
    e.pointer_up(p(430.0, 320.0));
    assert_eq!((e.viewport.pan_x, e.viewport.pan_y), (30.0, 20.0));
    assert_eq!(e.selection.len(), 1, "a pan keeps what was selected");
    assert_eq!(e.revision(), revision, "a pan changes no document");
    // A finger on the node drags it, as a mouse does.
    e.touch_down(p(30.0, 20.0));
    e.pointer_move(p(94.0, 52.0));
    e.pointer_up(p(94.0, 52.0));
    assert_eq!(pos(&e, "web-1"), (64.0, 32.0));
    // A tap on nothing (a wobble of a few pixels) clears the selection.
    e.touch_down(p(400.0, 300.0));
    e.pointer_up(p(403.0, 298.0));
    assert!(e.selection.is_empty());
}

#[test]
fn revision_moves_with_every_document_change() {
    let mut e = empty();
    let r0 = e.revision();
    e.place(Kind::WebServer, 0.0, 0.0);
    let r1 = e.revision();
    assert!(r1 > r0);
    e.pointer_down(p(0.0, 0.0));
    e.pointer_up(p(0.0, 0.0));
    assert_eq!(e.revision(), r1, "a click changes nothing");
    e.undo();
    assert!(e.revision() > r1);
}

#[test]
fn a_drag_that_snaps_back_to_where_it_started_leaves_no_step() {
    let mut e = empty();
    e.place(Kind::WebServer, 160.0, 160.0);
    e.add_data_center(Point::new(400.0, 0.0), "r").expect("dc");
    let (doc, steps) = (e.doc.clone(), e.history.undo_len());
    drag(&mut e, (160.0, 160.0), (165.0, 166.0), 3);
    drag(&mut e, (500.0, 10.0), (505.0, 14.0), 3);
    assert_eq!(e.doc, doc);
    assert_eq!(e.history.undo_len(), steps);
}

#[test]
fn dragging_200_nodes_is_one_undo_step() {
    let mut e = empty();
    for i in 0..200 {
        let (x, y) = (f64::from(i % 20) * 208.0, f64::from(i / 20) * 96.0);
        e.place(Kind::WebServer, x, y);
    }
    e.history.clear();
    e.run(scaleboard_sim::edit::ActionId::SelectAll);
    let before = e.doc.clone();
    // Speed is measured in docs/benchmarks.md, never asserted here: a timed test flakes.
    drag(&mut e, (0.0, 0.0), (600.0, 450.0), 300);
    assert_eq!(pos(&e, "web-1"), (608.0, 448.0));
    assert_eq!(e.history.undo_len(), 1);
    e.undo();
    assert_eq!(e.doc, before);
}

#[test]
fn placing_at_the_centre_never_covers_a_node_already_there() {
    use scaleboard_sim::edit::geometry::{node_rect, NODE_H};
    let mut e = empty();
    e.view_size = (800.0, 600.0);
    let ids: Vec<String> = (0..5)
        .map(|_| e.add_node_at_centre(Kind::Cache).expect("placed"))
        .collect();
    // The first lands on the centre of the view (snapped), the next right below it.
    assert_eq!(pos(&e, &ids[0]), (400.0, 304.0));
    assert_eq!(pos(&e, &ids[1]), (400.0, 304.0 + NODE_H + 16.0));
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let (ra, rb) = (
                node_rect(e.doc.node(a).expect("a")),
                node_rect(e.doc.node(b).expect("b")),
            );
            assert!(!ra.intersects(&rb), "{a} and {b} overlap");
        }
    }
}
