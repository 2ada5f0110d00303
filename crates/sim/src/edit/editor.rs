//! The editor state the UI holds in its reducer: the document, history, selection, view and
//! clipboard, with the operations buttons, the palette, the inspector and the keyboard reach.
//! Pointer gestures are in `tool.rs`.

use super::actions::{for_key, ActionId, Mods};
use super::check::EditError;
use super::command::Command;
use super::geometry::{bounds, clamp_zoom, dc_at, snap, snap_point, Point, Rect, Viewport, GRID};
use super::history::History;
use super::ids;
use super::tool::Tool;
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::scenario::{DataCenter, Node, Scenario, Wire};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Zoom factor of one zoom-in or zoom-out step.
pub const ZOOM_STEP: f64 = 1.25;
/// Space left around the diagram by "zoom to fit" [px, screen].
pub const FIT_MARGIN: f64 = 48.0;
/// How far each paste or duplicate is offset from the copied nodes [px].
pub const PASTE_OFFSET: f64 = 2.0 * GRID;
/// Size of a data center placed from the palette [px].
pub const NEW_DC_SIZE: (f64, f64) = (480.0, 320.0);

/// Copied nodes and the wires among them; serialisable, so it can also travel through the
/// system clipboard as JSON.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Clipboard {
    /// Copied nodes, with their original ids and positions.
    pub nodes: Vec<Node>,
    /// Wires among the copied nodes.
    #[serde(default)]
    pub wires: Vec<Wire>,
}

impl Clipboard {
    /// JSON text for the system clipboard.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read clipboard JSON; `None` if it is not a Scaleboard clipboard.
    pub fn from_json(text: &str) -> Option<Clipboard> {
        serde_json::from_str(text).ok()
    }
}

/// A short message shown next to the pointer (a refused wire's reason).
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The message, one short sentence.
    pub text: String,
    /// Where to show it [px, screen]: next to the pointer, laid out by [`super::notice::layout`].
    /// It goes away on the next action: a press, a key, a command, any edit.
    pub at: Point,
}

/// Everything the canvas editor knows. The UI draws it and forwards input to its methods;
/// each input method returns whether it handled the event (call `preventDefault` then).
#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    /// The document being edited.
    pub doc: Scenario,
    /// Undo and redo.
    pub history: History,
    /// Selected node ids.
    pub selection: BTreeSet<String>,
    /// The selected wire, by its ends (from, to).
    pub selected_wire: Option<(String, String)>,
    /// The selected data center.
    pub selected_dc: Option<String>,
    /// Pan and zoom of the canvas.
    pub viewport: Viewport,
    /// Size of the canvas element (width, height) [px, screen].
    pub view_size: (f64, f64),
    /// What Copy took, if anything.
    pub clipboard: Option<Clipboard>,
    /// The gesture in progress.
    pub tool: Tool,
    /// Whether moves snap to the grid.
    pub snap: bool,
    /// Grid step [px].
    pub grid: f64,
    /// Space is held: a primary-button drag pans.
    pub space_held: bool,
    /// Where a finger went down on the empty canvas [px, screen]: lifted there, it was a tap,
    /// which clears the selection as a click on nothing does (`Editor::touch_down`).
    pub tap_from: Option<Point>,
    /// The keyboard-shortcut overlay is open.
    pub help_open: bool,
    /// A message to show next to the pointer until the next press.
    pub notice: Option<Notice>,
    revision: u64,
    pastes: u32,
    /// Read-only (an embed with `?readonly`): select, pan, zoom and run, never change the
    /// design. Recording a live run's faults and seed is still allowed: that is the run's log.
    pub read_only: bool,
}

impl Editor {
    /// An editor on `doc` with empty history and a 1024 x 768 [px] view.
    pub fn new(doc: Scenario) -> Editor {
        Editor {
            doc,
            history: History::default(),
            selection: BTreeSet::new(),
            selected_wire: None,
            selected_dc: None,
            viewport: Viewport::default(),
            view_size: (1024.0, 768.0),
            clipboard: None,
            tool: Tool::Idle,
            snap: true,
            grid: GRID,
            space_held: false,
            tap_from: None,
            help_open: false,
            notice: None,
            revision: 0,
            pastes: 0,
            read_only: false,
        }
    }

    /// Counts document changes (edits, undo, redo, rollback): autosave when it moves.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Replace the whole document (New, Open file, a journey step) as one undoable step:
    /// the selection is cleared and the view fits the new diagram.
    pub fn replace_document(&mut self, doc: Scenario) {
        // Through history: one undo step brings the previous document back.
        let _ = self
            .history
            .apply(&mut self.doc, Command::ReplaceDocument(Box::new(doc)));
        self.clear_selection();
        self.tool = Tool::Idle;
        self.changed();
        self.zoom_to_fit();
    }

    /// Apply an edit through history (one undo step unless a gesture group is open).
    pub fn apply(&mut self, cmd: Command) -> Result<(), EditError> {
        if self.read_only && !cmd.is_run_log() {
            return Err(EditError::Refused("this diagram is read-only".into()));
        }
        self.history.apply(&mut self.doc, cmd)?;
        self.changed();
        Ok(())
    }

    pub(crate) fn changed(&mut self) {
        self.revision += 1;
        // A notice explains the last gesture; once the document moves on, it no longer applies.
        self.notice = None;
        let doc = &self.doc;
        if !self.selection.is_empty() {
            // A set, not a search per selected id: 200 selected of 2,000 nodes, on every move
            // of a drag, was 400,000 comparisons.
            let ids: std::collections::HashSet<&str> =
                doc.nodes.iter().map(|n| n.id.as_str()).collect();
            self.selection.retain(|id| ids.contains(id.as_str()));
        }
        if let Some((f, t)) = &self.selected_wire {
            if !doc.wires.iter().any(|w| &w.from == f && &w.to == t) {
                self.selected_wire = None;
            }
        }
        if let Some(d) = &self.selected_dc {
            if !doc.data_centers.iter().any(|x| &x.id == d) {
                self.selected_dc = None;
            }
        }
    }

    /// Undo one step; false if there was nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.cancel_gesture();
        let done = self.history.undo(&mut self.doc).unwrap_or(false);
        if done {
            self.changed();
        }
        done
    }

    /// Redo one step; false if there was nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.cancel_gesture();
        let done = self.history.redo(&mut self.doc).unwrap_or(false);
        if done {
            self.changed();
        }
        done
    }

    /// Deselect everything.
    pub fn clear_selection(&mut self) {
        self.selection.clear();
        self.selected_wire = None;
        self.selected_dc = None;
    }

    /// Place a new node of `kind` with its centre at world point `at` [px] (snapped), inside
    /// the data center there if any, and select it. Returns its id.
    pub fn add_node(&mut self, kind: Kind, at: Point) -> Result<String, EditError> {
        let at = if self.snap {
            snap_point(at, self.grid)
        } else {
            at
        };
        let id = ids::fresh_node_id(&self.doc, kind);
        let mut node = Node::new(id.clone(), kind, at.x, at.y);
        // Told apart from the others of its kind at a glance ("Web 3"), in the numbers panel too.
        node.name = ids::fresh_node_name(&self.doc, kind);
        node.dc = dc_at(&self.doc, at).map(|d| d.id.clone());
        self.apply(Command::AddNode(node))?;
        self.clear_selection();
        self.selection.insert(id.clone());
        Ok(id)
    }

    /// Place a new node of `kind` at the centre of the view (palette click or Enter), or at the
    /// free place nearest to it: a node dropped on top of another would hide it.
    pub fn add_node_at_centre(&mut self, kind: Kind) -> Result<String, EditError> {
        let c = self
            .viewport
            .to_world(Point::new(self.view_size.0 / 2.0, self.view_size.1 / 2.0));
        let at = self.free_place_near(c);
        self.add_node(kind, at)
    }

    /// The point nearest `p` [px, world], in steps of a node's size plus a grid cell, where a
    /// new node (snapped as `add_node` will snap it) overlaps no node; `p` if none is free
    /// within four steps.
    fn free_place_near(&self, p: Point) -> Point {
        use super::geometry::{NODE_H, NODE_W};
        let (sx, sy) = (NODE_W + GRID, NODE_H + GRID);
        let mut steps: Vec<(i32, i32)> = (-4..=4)
            .flat_map(|dx| (-4..=4).map(move |dy| (dx, dy)))
            .collect();
        let d2 =
            |(dx, dy): &(i32, i32)| (f64::from(*dx) * sx).powi(2) + (f64::from(*dy) * sy).powi(2);
        // Nearest first; at equal distance below before above, right before left.
        steps.sort_by(|a, b| {
            d2(a)
                .total_cmp(&d2(b))
                .then(b.1.cmp(&a.1))
                .then(b.0.cmp(&a.0))
        });
        let free = |q: Point| {
            let q = if self.snap {
                snap_point(q, self.grid)
            } else {
                q
            };
            let r = Rect::new(q.x - NODE_W / 2.0, q.y - NODE_H / 2.0, NODE_W, NODE_H);
            !self
                .doc
                .nodes
                .iter()
                .any(|n| super::geometry::node_rect(n).intersects(&r))
        };
        steps
            .iter()
            .map(|(dx, dy)| Point::new(p.x + f64::from(*dx) * sx, p.y + f64::from(*dy) * sy))
            .find(|q| free(*q))
            .unwrap_or(p)
    }

    /// Place a new data center of [`NEW_DC_SIZE`] with its top-left corner at world point `at`
    /// [px] (snapped), in `region`, and select it. Returns its id.
    pub fn add_data_center(&mut self, at: Point, region: &str) -> Result<String, EditError> {
        let at = if self.snap {
            snap_point(at, self.grid)
        } else {
            at
        };
        let id = ids::fresh_dc_id(&self.doc);
        let name = format!("Data center {}", self.doc.data_centers.len() + 1);
        let (w, h) = NEW_DC_SIZE;
        let dc = DataCenter {
            id: id.clone(),
            name,
            region: region.to_string(),
            x: at.x,
            y: at.y,
            w,
            h,
        };
        self.apply(Command::AddDataCenter(dc))?;
        self.clear_selection();
        self.selected_dc = Some(id.clone());
        Ok(id)
    }

    /// Wires `from` to `to` the way a person means it, as one undoable edit (see
    /// [`Editor::wire_command`]). Err: why the wire was refused, and what to do instead.
    pub fn wire(&mut self, from: &str, to: &str) -> Result<(), String> {
        let cmd = self.wire_command(from, to)?;
        self.apply(cmd).map_err(|e| e.to_string())
    }

    /// The edit that wires `from` to `to`, checked against the document but not applied. A
    /// primary database wired to a database that has no role of its own (and replicates to
    /// nobody) makes that one its replica: setting the role first is not a step anyone should
    /// have to know. Err: why the wire is refused, and what to do instead.
    pub fn wire_command(&self, from: &str, to: &str) -> Result<Command, String> {
        let wire = Wire {
            from: from.to_string(),
            to: to.to_string(),
            latency_ms: None,
            ..Wire::default()
        };
        let refused = match super::check::check_wire(&self.doc, from, to) {
            Ok(()) => return Ok(Command::AddWire(wire)),
            Err(why) => why,
        };
        let (Some(a), Some(b)) = (self.doc.node(from), self.doc.node(to)) else {
            return Err(refused);
        };
        let candidate = a.kind == Kind::Database
            && b.kind == Kind::Database
            && a.role.unwrap_or(crate::Role::Primary) == crate::Role::Primary
            && b.role.is_none();
        if !candidate {
            return Err(refused);
        }
        // A database already in use keeps its place: its own replicas, or components that send
        // it requests (their writes would silently move to the new primary).
        let name = if b.name.is_empty() {
            to
        } else {
            b.name.as_str()
        };
        if self.doc.wires.iter().any(|w| w.from == to) {
            return Err(format!(
                "\u{201c}{name}\u{201d} has replicas of its own, so it cannot become a replica: \
                 wire the primary to a new database"
            ));
        }
        if self.doc.wires.iter().any(|w| w.to == to) {
            return Err(format!(
                "\u{201c}{name}\u{201d} already takes requests from other components, so it \
                 cannot become a replica: wire the primary to a new database"
            ));
        }
        let cmd = Command::Batch(vec![
            Command::SetParam {
                id: to.to_string(),
                key: "role".into(),
                value: serde_json::json!("replica"),
            },
            Command::AddWire(wire),
        ]);
        // Checked on a copy: the role and the wire together must make a valid pair.
        let mut trial = self.doc.clone();
        match cmd.clone().apply(&mut trial) {
            Ok(_) => Ok(cmd),
            Err(_) => Err(refused),
        }
    }

    /// Inspector: set node field `key` (its JSON name) to `value`; `null` resets it to the
    /// kind's default. A bad value is refused with its diagnostics and never enters the
    /// document.
    pub fn set_param(
        &mut self,
        id: &str,
        key: &str,
        value: serde_json::Value,
    ) -> Result<(), Vec<Diagnostic>> {
        let cmd = Command::SetParam {
            id: id.to_string(),
            key: key.to_string(),
            value,
        };
        self.apply(cmd).map_err(|e| e.diagnostics())
    }

    /// Inspector: set field `key` (its JSON name) of the wire `from -> to` to `value`; `null`
    /// removes it. A bad value is refused with its diagnostics and never enters the document.
    pub fn set_wire_field(
        &mut self,
        from: &str,
        to: &str,
        key: &str,
        value: serde_json::Value,
    ) -> Result<(), Vec<Diagnostic>> {
        let cmd = Command::SetWireField {
            from: from.to_string(),
            to: to.to_string(),
            key: key.to_string(),
            value,
        };
        self.apply(cmd).map_err(|e| e.diagnostics())
    }

    /// Inspector: set a node's display name.
    pub fn rename(&mut self, id: &str, name: &str) -> Result<(), EditError> {
        self.apply(Command::Rename {
            id: id.to_string(),
            name: name.to_string(),
        })
    }

    /// Selected node ids in document order.
    pub fn selected_in_order(&self) -> Vec<String> {
        self.doc
            .nodes
            .iter()
            .filter(|n| self.selection.contains(&n.id))
            .map(|n| n.id.clone())
            .collect()
    }

    /// Delete the selected nodes (with their wires), else the selected wire, else the selected
    /// data center. False if nothing was selected.
    pub fn delete_selection(&mut self) -> bool {
        let cmd = if !self.selection.is_empty() {
            Command::RemoveNodes(self.selected_in_order())
        } else if let Some((from, to)) = self.selected_wire.clone() {
            Command::RemoveWire { from, to }
        } else if let Some(id) = self.selected_dc.clone() {
            Command::RemoveDataCenter(id)
        } else {
            return false;
        };
        let ok = self.apply(cmd).is_ok();
        self.clear_selection();
        ok
    }

    /// Copy the selected nodes and the wires among them. False if nothing is selected.
    pub fn copy(&mut self) -> bool {
        if self.selection.is_empty() {
            return false;
        }
        let nodes: Vec<Node> = self
            .doc
            .nodes
            .iter()
            .filter(|n| self.selection.contains(&n.id))
            .cloned()
            .collect();
        let wires = self
            .doc
            .wires
            .iter()
            .filter(|w| self.selection.contains(&w.from) && self.selection.contains(&w.to))
            .cloned()
            .collect();
        self.clipboard = Some(Clipboard { nodes, wires });
        self.pastes = 0;
        true
    }

    /// Paste the clipboard offset by [`PASTE_OFFSET`] per paste, selecting the copies.
    pub fn paste(&mut self) -> bool {
        let Some(clip) = self.clipboard.clone() else {
            return false;
        };
        self.pastes += 1;
        self.paste_clipboard(&clip, PASTE_OFFSET * f64::from(self.pastes))
    }

    /// Paste `clip` offset by `offset` [px] on both axes, selecting the copies.
    pub fn paste_clipboard(&mut self, clip: &Clipboard, offset: f64) -> bool {
        if clip.nodes.is_empty() {
            return false;
        }
        let nodes = clip
            .nodes
            .iter()
            .map(|n| Node {
                x: n.x + offset,
                y: n.y + offset,
                ..n.clone()
            })
            .collect();
        let before = self.doc.nodes.len();
        if self
            .apply(Command::Paste {
                nodes,
                wires: clip.wires.clone(),
            })
            .is_err()
        {
            return false;
        }
        self.clear_selection();
        self.selection = self
            .doc
            .nodes
            .iter()
            .skip(before)
            .map(|n| n.id.clone())
            .collect();
        true
    }

    /// Copy and paste in one step, leaving the clipboard as it was.
    pub fn duplicate(&mut self) -> bool {
        let (clip, pastes) = (self.clipboard.clone(), self.pastes);
        let done = self.copy() && self.paste();
        (self.clipboard, self.pastes) = (clip, pastes);
        done
    }

    /// Move the selection by (`dx`, `dy`) grid steps, one undo step.
    pub fn nudge(&mut self, dx: f64, dy: f64) -> bool {
        if self.selection.is_empty() {
            return false;
        }
        let ids = self.selected_in_order();
        self.apply(Command::MoveNodes {
            ids,
            dx: dx * self.grid,
            dy: dy * self.grid,
        })
        .is_ok()
    }

    /// Zoom by `factor` about the centre of the view.
    pub fn zoom_by(&mut self, factor: f64) {
        let c = Point::new(self.view_size.0 / 2.0, self.view_size.1 / 2.0);
        self.viewport = self.viewport.zoom_by(factor, c);
    }

    /// Fit the whole diagram in the view; an empty canvas resets the view.
    pub fn zoom_to_fit(&mut self) {
        self.viewport = match bounds(&self.doc) {
            Some(b) => Viewport::fit(&b, self.view_size.0, self.view_size.1, FIT_MARGIN),
            None => Viewport::default(),
        };
    }

    /// The view is now `width` x `height` [px]: a panel folded, the run dock grew, the window
    /// turned. A view still showing the diagram as last fitted is fitted again to the new size,
    /// so the diagram stays as large as the canvas allows; a view the user panned or zoomed
    /// stays where they left it.
    pub fn resize_view(&mut self, width: f64, height: f64) {
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let fitted = bounds(&self.doc).is_some_and(|b| {
            let f = Viewport::fit(&b, self.view_size.0, self.view_size.1, FIT_MARGIN);
            // Within a hundredth of a pixel and of a percent: the same view, give or take
            // floating-point noise.
            (f.pan_x - self.viewport.pan_x).abs() < 0.01
                && (f.pan_y - self.viewport.pan_y).abs() < 0.01
                && (f.zoom - self.viewport.zoom).abs() < 1e-4
        });
        self.view_size = (width, height);
        if fitted {
            self.zoom_to_fit();
        }
    }

    /// The world rectangle the selection covers, if any [px].
    pub fn selection_bounds(&self) -> Option<Rect> {
        self.doc
            .nodes
            .iter()
            .filter(|n| self.selection.contains(&n.id))
            .map(super::geometry::node_rect)
            .reduce(|a, b| a.union(&b))
    }

    /// Perform an action from the table (a button, a menu item or a shortcut).
    pub fn run(&mut self, action: ActionId) -> bool {
        use ActionId::*;
        self.notice = None;
        if self.read_only && action.edits() {
            return false;
        }
        let step = |big: bool| if big { 10.0 } else { 1.0 };
        match action {
            Undo => self.undo(),
            Redo => self.redo(),
            Delete => self.delete_selection(),
            Duplicate => self.duplicate(),
            Copy => self.copy(),
            Cut => self.copy() && self.delete_selection(),
            Paste => self.paste(),
            SelectAll => {
                self.clear_selection();
                self.selection = self.doc.nodes.iter().map(|n| n.id.clone()).collect();
                true
            }
            Cancel => {
                if self.help_open {
                    self.help_open = false;
                } else if !self.cancel_gesture() {
                    self.clear_selection();
                }
                true
            }
            NudgeLeft | NudgeLeftBig => self.nudge(-step(action == NudgeLeftBig), 0.0),
            NudgeRight | NudgeRightBig => self.nudge(step(action == NudgeRightBig), 0.0),
            NudgeUp | NudgeUpBig => self.nudge(0.0, -step(action == NudgeUpBig)),
            NudgeDown | NudgeDownBig => self.nudge(0.0, step(action == NudgeDownBig)),
            ZoomIn => {
                self.zoom_by(ZOOM_STEP);
                true
            }
            ZoomOut => {
                self.zoom_by(1.0 / ZOOM_STEP);
                true
            }
            ZoomToFit => {
                self.zoom_to_fit();
                true
            }
            ZoomReset => {
                self.zoom_by(1.0 / clamp_zoom(self.viewport.zoom));
                true
            }
            ToggleSnap => {
                self.snap = !self.snap;
                true
            }
            ToggleHelp => {
                self.help_open = !self.help_open;
                true
            }
        }
    }

    /// A key went down (`KeyboardEvent.key`). Do not forward keys typed into text fields.
    pub fn key_down(&mut self, key: &str, mods: Mods) -> bool {
        self.notice = None;
        if key == " " {
            self.space_held = true;
            return true;
        }
        match for_key(key, mods) {
            Some(action) => {
                self.run(action);
                true
            }
            None => false,
        }
    }

    /// A key went up (`KeyboardEvent.key`).
    pub fn key_up(&mut self, key: &str) -> bool {
        if key == " " {
            self.space_held = false;
            return true;
        }
        false
    }

    /// Wheel or trackpad at screen point `at` [px] with deltas [px]: Ctrl/Cmd (and pinch,
    /// which browsers report as Ctrl+wheel) zooms about the pointer, otherwise it pans.
    pub fn wheel(&mut self, at: Point, dx: f64, dy: f64, mods: Mods) -> bool {
        if !(dx.is_finite() && dy.is_finite()) {
            return false;
        }
        self.viewport = if mods.command() {
            self.viewport.zoom_by((-dy * 0.0025).exp(), at)
        } else if mods.shift {
            self.viewport.pan_by(-dy, -dx)
        } else {
            self.viewport.pan_by(-dx, -dy)
        };
        true
    }

    /// Snap `v` [px] to the grid when snapping is on and `alt` is not held.
    pub(crate) fn snap_value(&self, v: f64, alt: bool) -> f64 {
        if self.snap && !alt {
            snap(v, self.grid)
        } else {
            v
        }
    }
}
