//! The pointer state machine (tldraw's StateNode, flattened): pointer down picks a gesture
//! from what is under the pointer, moves drive it, up finishes it, cancel or Escape undoes
//! it. Gestures that edit open a history mark, so a whole drag is one undo step.

use super::actions::Mods;
use super::command::Command;
use super::editor::{Editor, Notice};
use super::geometry::{dc_at, hit_test, marquee, node_at, Hit, Point, Rect, DC_MIN_H, DC_MIN_W};
use std::collections::{BTreeMap, BTreeSet};

/// How far a finger may move and still tap [px, screen]: fingers wobble more than a mouse.
const TAP_PX: f64 = 8.0;

/// Screen distance a pointer must travel before a press becomes a drag [px].
pub const DRAG_THRESHOLD: f64 = 3.0;

/// Which pointer button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Button {
    /// Left mouse button, pen or touch contact.
    #[default]
    Primary,
    /// Wheel button: pans.
    Middle,
    /// Right button: ignored by the canvas (context menu).
    Secondary,
}

/// One pointer event as the canvas reports it.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct PointerInput {
    /// Position relative to the canvas element's top-left corner [px, screen].
    pub x: f64,
    /// Position relative to the canvas element's top-left corner [px, screen].
    pub y: f64,
    /// Which button.
    pub button: Button,
    /// Modifiers held.
    pub mods: Mods,
}

impl PointerInput {
    /// A primary-button event at (`x`, `y`) [px, screen] with no modifiers.
    pub fn at(x: f64, y: f64) -> PointerInput {
        PointerInput {
            x,
            y,
            ..PointerInput::default()
        }
    }

    /// The position as a point [px, screen].
    pub fn screen(&self) -> Point {
        Point::new(self.x, self.y)
    }
}

/// The gesture in progress. Positions are world coordinates [px] unless marked screen.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Tool {
    /// No gesture: hovering.
    #[default]
    Idle,
    /// Moving the selected nodes.
    DraggingNodes {
        /// Where the press was [px, world].
        start: Point,
        /// Where the press was [px, screen], for the drag threshold.
        start_screen: Point,
        /// Whether the pointer has left the threshold (otherwise it is a click).
        moved: bool,
        /// The node pressed: it snaps to the grid, the others keep their offsets from it.
        anchor: String,
        /// Centres of the moving nodes at the press [px].
        origins: Vec<(String, f64, f64)>,
        /// A click (no move) on this node, already selected, selects it alone on release.
        select_on_click: bool,
    },
    /// Drawing a wire from a node's output handle.
    Wiring {
        /// Source node id.
        from: String,
        /// The loose end [px, world].
        pointer: Point,
        /// The node under the loose end.
        target: Option<String>,
        /// Why the wire to `target` would be refused.
        refusal: Option<String>,
    },
    /// Moving the view.
    Panning {
        /// Last pointer position [px, screen].
        last: Point,
    },
    /// Rubber-band selection.
    Marquee {
        /// Corner where the press was [px, world].
        start: Point,
        /// Opposite corner [px, world].
        now: Point,
        /// Selection before the marquee (kept with Shift).
        base: BTreeSet<String>,
    },
    /// Moving (with its nodes) or resizing a data center.
    DraggingDc {
        /// The data center.
        id: String,
        /// Where the press was [px, world].
        start: Point,
        /// Whether anything changed yet.
        moved: bool,
        /// Its rectangle at the press [px].
        origin: Rect,
        /// Centres of its nodes at the press [px].
        members: Vec<(String, f64, f64)>,
        /// Resizing from the bottom-right grip rather than moving.
        resize: bool,
    },
}

impl Tool {
    /// The marquee rectangle to draw, if selecting [px, world].
    pub fn marquee_rect(&self) -> Option<Rect> {
        match self {
            Tool::Marquee { start, now, .. } => Some(Rect::from_corners(*start, *now)),
            _ => None,
        }
    }
}

impl Editor {
    /// A finger went down on the canvas. On the empty canvas it pans: a finger has no middle
    /// button or Space to hold, and a diagram moves under a finger the way a map does (a
    /// marquee stays a mouse and pen gesture). Lifted where it went down, it was a tap, and
    /// clears the selection. On anything else it is a press like any other.
    pub fn touch_down(&mut self, ev: PointerInput) -> bool {
        let screen = ev.screen();
        let world = self.viewport.to_world(screen);
        let on_nothing = ev.button == Button::Primary
            && !self.read_only
            && hit_test(&self.doc, world, self.viewport.zoom) == Hit::Canvas;
        if !on_nothing {
            return self.pointer_down(ev);
        }
        self.notice = None;
        if !matches!(self.tool, Tool::Idle) {
            self.cancel_gesture();
        }
        self.tool = Tool::Panning { last: screen };
        self.tap_from = Some(screen);
        true
    }

    /// A pointer went down on the canvas.
    pub fn pointer_down(&mut self, ev: PointerInput) -> bool {
        self.notice = None;
        self.tap_from = None;
        if !matches!(self.tool, Tool::Idle) {
            self.cancel_gesture();
        }
        let screen = ev.screen();
        if ev.button == Button::Middle || (ev.button == Button::Primary && self.space_held) {
            self.tool = Tool::Panning { last: screen };
            return true;
        }
        if ev.button != Button::Primary {
            return false;
        }
        let world = self.viewport.to_world(screen);
        if self.read_only {
            return self.press_read_only(hit_test(&self.doc, world, self.viewport.zoom), screen);
        }
        match hit_test(&self.doc, world, self.viewport.zoom) {
            Hit::Handle(from) => {
                self.tool = Tool::Wiring {
                    from,
                    pointer: world,
                    target: None,
                    refusal: None,
                };
            }
            Hit::Node(id) => self.press_node(id, world, screen, ev.mods.shift),
            Hit::Wire(i) => {
                self.clear_selection();
                self.selected_wire = self
                    .doc
                    .wires
                    .get(i)
                    .map(|w| (w.from.clone(), w.to.clone()));
            }
            Hit::DcGrip(id) => self.press_dc(id, world, true),
            Hit::DataCenter(id) => self.press_dc(id, world, false),
            Hit::Canvas => {
                let base = if ev.mods.shift {
                    self.selection.clone()
                } else {
                    BTreeSet::new()
                };
                if !ev.mods.shift {
                    self.clear_selection();
                }
                self.tool = Tool::Marquee {
                    start: world,
                    now: world,
                    base,
                };
            }
        }
        true
    }

    /// A press on a read-only diagram: things are selected (to inspect them, or to fail them
    /// in a run), nothing moves or connects; dragging the empty canvas pans.
    fn press_read_only(&mut self, hit: Hit, screen: Point) -> bool {
        self.clear_selection();
        match hit {
            Hit::Handle(id) | Hit::Node(id) => {
                self.selection.insert(id);
            }
            Hit::Wire(i) => {
                self.selected_wire = self
                    .doc
                    .wires
                    .get(i)
                    .map(|w| (w.from.clone(), w.to.clone()));
            }
            Hit::DcGrip(id) | Hit::DataCenter(id) => self.selected_dc = Some(id),
            Hit::Canvas => self.tool = Tool::Panning { last: screen },
        }
        true
    }

    fn press_node(&mut self, id: String, world: Point, screen: Point, shift: bool) {
        let was_selected = self.selection.contains(&id);
        self.selected_wire = None;
        self.selected_dc = None;
        if shift && was_selected {
            self.selection.remove(&id);
            return;
        }
        if shift {
            self.selection.insert(id.clone());
        } else if !was_selected {
            self.selection.clear();
            self.selection.insert(id.clone());
        }
        let origins = self
            .doc
            .nodes
            .iter()
            .filter(|n| self.selection.contains(&n.id))
            .map(|n| (n.id.clone(), n.x, n.y))
            .collect();
        self.history.mark();
        self.tool = Tool::DraggingNodes {
            start: world,
            start_screen: screen,
            moved: false,
            anchor: id,
            origins,
            select_on_click: was_selected && !shift && self.selection.len() > 1,
        };
    }

    fn press_dc(&mut self, id: String, world: Point, resize: bool) {
        let Some(dc) = self.doc.data_centers.iter().find(|d| d.id == id) else {
            return;
        };
        let origin = Rect::of_dc(dc);
        let members = self
            .doc
            .nodes
            .iter()
            .filter(|n| n.dc.as_deref() == Some(id.as_str()))
            .map(|n| (n.id.clone(), n.x, n.y))
            .collect();
        self.clear_selection();
        self.selected_dc = Some(id.clone());
        self.history.mark();
        self.tool = Tool::DraggingDc {
            id,
            start: world,
            moved: false,
            origin,
            members,
            resize,
        };
    }

    /// The pointer moved (pressed or not).
    pub fn pointer_move(&mut self, ev: PointerInput) -> bool {
        let screen = ev.screen();
        let world = self.viewport.to_world(screen);
        let alt = ev.mods.alt;
        match std::mem::take(&mut self.tool) {
            Tool::Idle => return false,
            Tool::Panning { last } => {
                self.viewport = self.viewport.pan_by(screen.x - last.x, screen.y - last.y);
                self.tool = Tool::Panning { last: screen };
            }
            Tool::Marquee { start, base, .. } => {
                let mut sel = base.clone();
                sel.extend(marquee(&self.doc, &Rect::from_corners(start, world)));
                self.selection = sel;
                self.tool = Tool::Marquee {
                    start,
                    now: world,
                    base,
                };
            }
            Tool::Wiring {
                from,
                target,
                refusal,
                ..
            } => {
                let over = node_at(&self.doc, world)
                    .map(|n| n.id.clone())
                    .filter(|id| *id != from);
                let refusal = if over == target {
                    refusal
                } else {
                    over.as_ref()
                        .and_then(|to| self.wire_command(&from, to).err())
                };
                self.tool = Tool::Wiring {
                    from,
                    pointer: world,
                    target: over,
                    refusal,
                };
            }
            Tool::DraggingNodes {
                start,
                start_screen,
                mut moved,
                anchor,
                origins,
                select_on_click,
            } => {
                moved = moved || start_screen.distance(screen) >= DRAG_THRESHOLD;
                if moved {
                    let (ax, ay) = origins
                        .iter()
                        .find(|o| o.0 == anchor)
                        .map_or((start.x, start.y), |o| (o.1, o.2));
                    let dx = self.snap_value(ax + world.x - start.x, alt) - ax;
                    let dy = self.snap_value(ay + world.y - start.y, alt) - ay;
                    let nodes = origins
                        .iter()
                        .map(|(id, x, y)| (id.clone(), x + dx, y + dy))
                        .collect();
                    // Snapping often leaves the nodes where they are: record nothing then.
                    let same = self
                        .doc
                        .node(&anchor)
                        .is_some_and(|n| n.x == ax + dx && n.y == ay + dy);
                    let cmd = Command::SetPlacement {
                        nodes,
                        dcs: Vec::new(),
                    };
                    if !same && self.apply(cmd).is_err() {
                        moved = false;
                    }
                }
                self.tool = Tool::DraggingNodes {
                    start,
                    start_screen,
                    moved,
                    anchor,
                    origins,
                    select_on_click,
                };
            }
            Tool::DraggingDc {
                id,
                start,
                origin,
                members,
                resize,
                ..
            } => {
                let (dx, dy) = (world.x - start.x, world.y - start.y);
                let (rect, cmd) = if resize {
                    let right = self.snap_value(origin.right() + dx, alt);
                    let bottom = self.snap_value(origin.bottom() + dy, alt);
                    let w = (right - origin.x).max(DC_MIN_W);
                    let h = (bottom - origin.y).max(DC_MIN_H);
                    let rect = Rect::new(origin.x, origin.y, w, h);
                    let cmd = Command::ResizeDataCenter {
                        id: id.clone(),
                        rect,
                    };
                    (rect, cmd)
                } else {
                    let dx = self.snap_value(origin.x + dx, alt) - origin.x;
                    let dy = self.snap_value(origin.y + dy, alt) - origin.y;
                    let rect = Rect::new(origin.x + dx, origin.y + dy, origin.w, origin.h);
                    let nodes = members
                        .iter()
                        .map(|(n, x, y)| (n.clone(), x + dx, y + dy))
                        .collect();
                    let cmd = Command::SetPlacement {
                        nodes,
                        dcs: vec![(id.clone(), rect)],
                    };
                    (rect, cmd)
                };
                let current = self
                    .doc
                    .data_centers
                    .iter()
                    .find(|d| d.id == id)
                    .map(Rect::of_dc);
                let moved = current == Some(rect) || self.apply(cmd).is_ok();
                self.tool = Tool::DraggingDc {
                    id,
                    start,
                    moved,
                    origin,
                    members,
                    resize,
                };
            }
        }
        true
    }

    /// The pointer was released: finish the gesture.
    pub fn pointer_up(&mut self, ev: PointerInput) -> bool {
        let screen = ev.screen();
        let world = self.viewport.to_world(screen);
        match std::mem::take(&mut self.tool) {
            Tool::Idle => return false,
            Tool::Panning { .. } => {
                // A finger that went down on nothing and did not move: a tap.
                if let Some(at) = self.tap_from.take() {
                    if (at.x - screen.x).abs() <= TAP_PX && (at.y - screen.y).abs() <= TAP_PX {
                        self.clear_selection();
                    }
                }
            }
            Tool::Marquee { .. } => {}
            Tool::Wiring { from, .. } => {
                let to = node_at(&self.doc, world).map(|n| n.id.clone());
                if let Some(to) = to.filter(|to| *to != from) {
                    match self.wire(&from, &to) {
                        Ok(()) => {
                            self.clear_selection();
                            self.selected_wire = Some((from, to));
                        }
                        Err(text) => self.notice = Some(Notice { text, at: screen }),
                    }
                }
            }
            Tool::DraggingNodes {
                moved,
                anchor,
                origins,
                select_on_click,
                ..
            } => {
                if moved {
                    self.assign_dropped(&origins);
                } else if select_on_click {
                    self.selection.clear();
                    self.selection.insert(anchor);
                }
                self.history.commit();
            }
            Tool::DraggingDc { .. } => self.history.commit(),
        }
        true
    }

    /// Nodes dropped inside a data center join it; dropped outside every one, they leave.
    fn assign_dropped(&mut self, origins: &[(String, f64, f64)]) {
        let mut moves: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
        for (id, _, _) in origins {
            let Some(n) = self.doc.node(id) else { continue };
            let target = dc_at(&self.doc, Point::new(n.x, n.y)).map(|d| d.id.clone());
            if target != n.dc {
                moves.entry(target).or_default().push(id.clone());
            }
        }
        for (dc, ids) in moves {
            let _ = self.apply(Command::SetNodeDc { ids, dc });
        }
    }

    /// The browser cancelled the pointer (touch taken over by scrolling, window lost focus).
    pub fn pointer_cancel(&mut self) -> bool {
        self.cancel_gesture()
    }

    /// Undo the gesture in progress and return to idle; false if there was none.
    pub fn cancel_gesture(&mut self) -> bool {
        self.tap_from = None;
        match std::mem::take(&mut self.tool) {
            Tool::Idle => return false,
            Tool::Marquee { base, .. } => self.selection = base,
            _ => {}
        }
        if self.history.is_marked() {
            let before = self.doc.clone();
            self.history.rollback_to_mark(&mut self.doc);
            if self.doc != before {
                self.changed();
            }
        }
        true
    }
}
