//! The one root reducer of the editor (Yew's function_todomvc shape): the model's
//! [`Editor`] plus the little the page adds (a palette drag in progress, a banner message).
//! Components read it through props and send [`Msg`]s; every rule lives in the model.

use std::rc::Rc;

use scaleboard_sim::edit::{ActionId, Editor, Mods, Point, PointerInput};
use scaleboard_sim::{Kind, Scenario};
use yew::prelude::*;

/// A message shown above the canvas until dismissed: a link or file that could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    /// One sentence saying what happened.
    pub title: String,
    /// Details, one problem a line (`line 1, column 9: ...`).
    pub lines: Vec<String>,
    /// An error (role=alert) rather than news (role=status).
    pub error: bool,
    /// Text offered for copying by hand (a link, an embed snippet).
    pub copy: Option<String>,
}

/// Everything the editor page draws.
#[derive(Clone, Debug)]
pub struct State {
    /// The model: document, history, selection, view, gesture.
    pub ed: Editor,
    /// A palette item being dragged over the canvas: its kind and where [px, screen].
    pub ghost: Option<(Kind, Point)>,
    /// A message above the canvas.
    pub banner: Option<Banner>,
    /// The journey step the document is (its lesson is shown); follows the document through
    /// every change, undo included (`lesson::lesson_for`).
    pub lesson: Option<String>,
    /// The challenge open beside the canvas (its id), if any: it stays while the design
    /// changes, the reference solution or another file included, until closed.
    pub challenge: Option<String>,
    /// Bumped whenever the whole document is replaced: a run of the old one is dropped.
    pub generation: u32,
    /// The canvas has measured itself once (and fitted or restored the view): from then on,
    /// what is on screen agrees with the model's hit testing. Shown as `data-sized` for tests.
    pub measured: bool,
    /// Which state this is: every reduction that changes anything makes a new one (see the
    /// `PartialEq`).
    stamp: u64,
}

/// Two states are equal when they are the same reduction. Yew compares the props of every
/// component that takes the state on every dispatch; comparing field by field walked the whole
/// document (2,000 nodes) in each of them on every pointer move of a drag.
impl PartialEq for State {
    fn eq(&self, other: &State) -> bool {
        self.stamp == other.stamp
    }
}

thread_local! {
    static STAMPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A stamp no other state on the page has.
fn next_stamp() -> u64 {
    STAMPS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}

impl State {
    /// Which state this is: a new number for every reduction that changed anything.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }

    /// An editor on `doc`.
    pub fn new(doc: Scenario, banner: Option<Banner>) -> State {
        State {
            lesson: crate::lesson::lesson_for(&doc),
            ed: Editor::new(doc),
            ghost: None,
            banner,
            challenge: None,
            generation: 0,
            measured: false,
            stamp: next_stamp(),
        }
    }
}

/// What components ask of the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Pointer pressed on the canvas.
    Down(PointerInput),
    /// Pointer moved over (or captured by) the canvas.
    Move(PointerInput),
    /// Pointer released.
    Up(PointerInput),
    /// A finger went down: the empty canvas pans under it.
    TouchDown(PointerInput),
    /// The browser took the pointer away.
    Cancel,
    /// A key went down outside text fields (`KeyboardEvent.key`).
    Key(String, Mods),
    /// A key went up.
    KeyUp(String),
    /// Wheel or pinch at a screen point [px] with deltas [px].
    Wheel(Point, f64, f64, Mods),
    /// A toolbar button or menu item.
    Run(ActionId),
    /// The canvas element's size [px]; `fit` also fits the diagram in it.
    ViewSize(f64, f64, bool),
    /// Select exactly this node (keyboard Enter on a node).
    SelectOnly(String),
    /// Select exactly the wire `from -> to` (the inspector's list of a node's connections).
    SelectWire(String, String),
    /// Place a node of this kind at a screen point [px], or at the centre.
    Place(Kind, Option<Point>),
    /// Place a data center at a screen point [px], or at the centre.
    PlaceDataCenter(Option<Point>),
    /// A palette drag is over the canvas at this point, or left it.
    Ghost(Option<(Kind, Point)>),
    /// Inspector: a field of a node (validated by the model; a bad value is refused).
    SetParam(String, String, serde_json::Value),
    /// Inspector: an edit command already checked on a scratch copy (a node's or a wire's
    /// field); the model checks it again and refuses a bad one.
    Edit(Box<scaleboard_sim::edit::Command>),
    /// Inspector: a node's display name.
    Rename(String, String),
    /// Replace the whole document (New, Open file).
    Replace(Box<Scenario>),
    /// Rename the scenario.
    SetDocName(String),
    /// Faults injected or scheduled during a live run, recorded in the document (one undo step).
    RecordFaults(Vec<scaleboard_sim::Fault>),
    /// Replace the document's fault list (the run dock's schedule: remove one, clear all).
    SetFaults(Vec<scaleboard_sim::Fault>),
    /// Open a built-in scenario (the journey menu, a lesson's next step).
    OpenBuiltin(String),
    /// Open a challenge: its starting design on the canvas, its brief beside it.
    OpenChallenge(String),
    /// Close the challenge's panel; the design stays.
    CloseChallenge,
    /// Open a variant of the current step's scenario, keeping its lesson (scaled up).
    OpenVariant(Box<Scenario>),
    /// A new seed typed in the run dock.
    SetSeed(u64),
    /// Restore a saved view after loading.
    SetViewport(scaleboard_sim::edit::Viewport),
    /// Show or clear the banner.
    Banner(Option<Banner>),
    /// A press anywhere on the page (Play, a panel): the notice next to the pointer goes.
    DismissNotice,
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        // Hover moves with no gesture change nothing: skip the clone and the re-render.
        if matches!(msg, Msg::Move(_)) && matches!(self.ed.tool, scaleboard_sim::edit::Tool::Idle) {
            return self;
        }
        if matches!(msg, Msg::DismissNotice) && self.ed.notice.is_none() {
            return self;
        }
        let mut s = (*self).clone();
        s.stamp = next_stamp();
        let ed = &mut s.ed;
        match msg {
            Msg::Down(p) => {
                ed.pointer_down(p);
            }
            Msg::TouchDown(p) => {
                ed.touch_down(p);
            }
            Msg::Move(p) => {
                ed.pointer_move(p);
            }
            Msg::Up(p) => {
                ed.pointer_up(p);
            }
            Msg::Cancel => {
                ed.pointer_cancel();
            }
            Msg::Key(k, m) => {
                ed.key_down(&k, m);
            }
            Msg::KeyUp(k) => {
                ed.key_up(&k);
            }
            Msg::Wheel(at, dx, dy, m) => {
                ed.wheel(at, dx, dy, m);
            }
            Msg::Run(a) => {
                ed.run(a);
            }
            Msg::ViewSize(w, h, fit) => {
                if fit {
                    if w > 0.0 && h > 0.0 {
                        ed.view_size = (w, h);
                    }
                    ed.zoom_to_fit();
                } else {
                    ed.resize_view(w, h);
                }
                s.measured = true;
            }
            Msg::SelectOnly(id) => {
                ed.clear_selection();
                ed.selection.insert(id);
            }
            Msg::SelectWire(from, to) => {
                ed.clear_selection();
                ed.selected_wire = Some((from, to));
            }
            Msg::Place(kind, at) => {
                s.ghost = None;
                let _ = match at {
                    Some(p) => ed.add_node(kind, ed.viewport.to_world(p)),
                    None => ed.add_node_at_centre(kind),
                };
            }
            Msg::PlaceDataCenter(at) => {
                let centre = Point::new(ed.view_size.0 / 2.0, ed.view_size.1 / 2.0);
                let p = ed.viewport.to_world(at.unwrap_or(centre));
                // Centred on the drop point, like a node.
                let (w, h) = scaleboard_sim::edit::NEW_DC_SIZE;
                let _ = ed.add_data_center(Point::new(p.x - w / 2.0, p.y - h / 2.0), "region-1");
            }
            Msg::Ghost(g) => s.ghost = g,
            Msg::SetParam(id, key, value) => {
                let _ = ed.set_param(&id, &key, value);
            }
            Msg::Edit(cmd) => {
                let _ = ed.apply(*cmd);
            }
            Msg::Rename(id, name) => {
                let _ = ed.rename(&id, &name);
            }
            Msg::Replace(doc) => {
                ed.replace_document(*doc);
                s.generation += 1;
            }
            Msg::OpenVariant(doc) => {
                ed.replace_document(*doc);
                s.generation += 1;
            }
            Msg::OpenBuiltin(name) => {
                if let Some(doc) =
                    crate::builtin::find(&name).and_then(|b| scaleboard_sim::load(b.json).ok())
                {
                    ed.replace_document(doc);
                    s.generation += 1;
                }
            }
            Msg::OpenChallenge(id) => {
                if let Some(c) = crate::workshop::challenges::find(&id) {
                    ed.replace_document(c.start.clone());
                    s.generation += 1;
                    s.challenge = Some(id);
                }
            }
            Msg::CloseChallenge => s.challenge = None,
            Msg::SetViewport(v) => ed.viewport = v,
            Msg::SetDocName(name) => {
                let _ = ed.apply(scaleboard_sim::edit::Command::SetDocField {
                    key: "name".into(),
                    value: serde_json::Value::String(name),
                });
            }
            Msg::RecordFaults(new) => {
                let mut faults = ed.doc.faults.clone();
                faults.extend(new);
                if let Ok(value) = serde_json::to_value(faults) {
                    let _ = ed.apply(scaleboard_sim::edit::Command::SetDocField {
                        key: "faults".into(),
                        value,
                    });
                }
            }
            Msg::SetFaults(faults) => {
                if let Ok(value) = serde_json::to_value(faults) {
                    let _ = ed.apply(scaleboard_sim::edit::Command::SetDocField {
                        key: "faults".into(),
                        value,
                    });
                }
            }
            Msg::SetSeed(seed) => {
                let _ = ed.apply(scaleboard_sim::edit::Command::SetDocField {
                    key: "seed".into(),
                    value: serde_json::Value::from(seed),
                });
            }
            Msg::Banner(b) => s.banner = b,
            Msg::DismissNotice => ed.notice = None,
        }
        // The lesson is recognised by the document's name: look again only when that changes
        // (not on every drag step).
        if s.ed.doc.name != self.ed.doc.name {
            s.lesson = crate::lesson::lesson_for(&s.ed.doc);
        }
        Rc::new(s)
    }
}
