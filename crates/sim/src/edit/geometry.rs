//! Canvas geometry in world coordinates [px]: node boxes, hit testing, marquee selection,
//! snapping and the screen <-> world transform of a [`Viewport`].
//!
//! World space is the document's space: a node's `x`,`y` is the centre of its box, a data
//! center's `x`,`y` is its top-left corner. Screen space is CSS pixels relative to the canvas
//! element's top-left corner: `screen = world * zoom + pan`.

use crate::scenario::{DataCenter, Node, Scenario, Wire};

/// Width of a node's box as drawn [px].
pub const NODE_W: f64 = 176.0;
/// Height of a node's box as drawn [px].
pub const NODE_H: f64 = 64.0;
/// Radius of the output handle drawn at the middle of a node's right edge [px, screen].
pub const HANDLE_R: f64 = 8.0;
/// The output handle's radius at `zoom` [px, world]: `HANDLE_R` on screen, but never more than
/// half a node's height, so a node far zoomed out is still mostly node (grabbed to drag) and
/// its handle still a dot at its right edge.
pub fn handle_radius(zoom: f64) -> f64 {
    (HANDLE_R / clamp_zoom(zoom)).min(NODE_H / 2.0)
}

/// Default grid step for snapping and arrow-key nudges [px].
pub const GRID: f64 = 16.0;
/// Smallest zoom factor (1 = 100 %): low enough that fitting the view shows a diagram of
/// thousands of nodes whole (2,000 in a 45 x 45 grid need about 6 % on a 600 px wide canvas).
pub const ZOOM_MIN: f64 = 0.02;
/// Largest zoom factor (1 = 100 %).
pub const ZOOM_MAX: f64 = 4.0;
/// How close the pointer must be to a wire or a border to hit it [px, screen].
pub const HIT_TOLERANCE: f64 = 6.0;
/// Height of a data center's label strip along its top edge, where it is grabbed [px].
pub const DC_LABEL_H: f64 = 28.0;
/// Side of the square resize grip at a data center's bottom-right corner [px, screen].
pub const DC_GRIP: f64 = 14.0;
/// Smallest data center size a resize produces [px].
pub const DC_MIN_W: f64 = 96.0;
/// Smallest data center height a resize produces [px].
pub const DC_MIN_H: f64 = 64.0;

/// A position [px]; world or screen space depending on context.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    /// Horizontal position, growing right [px].
    pub x: f64,
    /// Vertical position, growing down [px].
    pub y: f64,
}

impl Point {
    /// The point (`x`, `y`) [px].
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// Euclidean distance to `o` [px].
    pub fn distance(self, o: Point) -> f64 {
        (self.x - o.x).hypot(self.y - o.y)
    }
}

/// An axis-aligned rectangle: top-left corner and size [px]. `w` and `h` are never negative
/// when built with [`Rect::from_corners`].
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    /// Left edge [px].
    pub x: f64,
    /// Top edge [px].
    pub y: f64,
    /// Width [px].
    pub w: f64,
    /// Height [px].
    pub h: f64,
}

impl Rect {
    /// The rectangle at (`x`, `y`) of size `w` x `h` [px].
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// The rectangle spanned by two opposite corners, in any order [px].
    pub fn from_corners(a: Point, b: Point) -> Rect {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        }
    }

    /// Right edge [px].
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge [px].
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Centre [px].
    pub fn center(&self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether `p` lies inside or on the border.
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.right() && p.y >= self.y && p.y <= self.bottom()
    }

    /// Whether the two rectangles overlap or touch.
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x <= o.right() && o.x <= self.right() && self.y <= o.bottom() && o.y <= self.bottom()
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }

    /// The rectangle grown by `d` on every side [px].
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// A data center's rectangle.
    pub fn of_dc(dc: &DataCenter) -> Rect {
        Rect::new(dc.x, dc.y, dc.w, dc.h)
    }
}

/// The box a node is drawn in: [`NODE_W`] x [`NODE_H`] centred on its position [px].
pub fn node_rect(n: &Node) -> Rect {
    Rect::new(n.x - NODE_W / 2.0, n.y - NODE_H / 2.0, NODE_W, NODE_H)
}

/// Centre of a node's output handle: the middle of its right edge [px].
pub fn output_handle(n: &Node) -> Point {
    Point::new(n.x + NODE_W / 2.0, n.y)
}

/// Where wires arrive: the middle of a node's left edge [px].
pub fn input_point(n: &Node) -> Point {
    Point::new(n.x - NODE_W / 2.0, n.y)
}

/// The straight segment a wire is drawn along, from its source's output handle to its
/// target's input point [px]; `None` if either end is missing.
pub fn wire_segment(doc: &Scenario, w: &Wire) -> Option<(Point, Point)> {
    Some((
        output_handle(doc.node(&w.from)?),
        input_point(doc.node(&w.to)?),
    ))
}

/// Every wire's segment, in the order of `doc.wires`, each node looked up once: calling
/// [`wire_segment`] per wire searches the nodes twice a wire, which on 2,000 nodes and 5,560
/// wires is 11 million comparisons a redraw.
pub fn wire_segments(doc: &Scenario) -> Vec<Option<(Point, Point)>> {
    let at: std::collections::HashMap<&str, &Node> =
        doc.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    doc.wires
        .iter()
        .map(|w| {
            Some((
                output_handle(at.get(w.from.as_str())?),
                input_point(at.get(w.to.as_str())?),
            ))
        })
        .collect()
}

/// Distance from `p` to the segment `a`-`b` [px].
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    if len2 == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

/// What lies under the pointer, topmost first.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// The output handle of this node: start a wire.
    Handle(String),
    /// The body of this node.
    Node(String),
    /// The wire at this index of `doc.wires`.
    Wire(usize),
    /// The resize grip of this data center.
    DcGrip(String),
    /// The label strip or border of this data center: move it.
    DataCenter(String),
    /// Empty canvas (possibly the inside of a data center).
    Canvas,
}

/// What is under world point `p` at zoom `zoom`. Order: node handles, nodes (later in the
/// list is drawn on top), wires, data center grips, data center labels and borders, canvas.
/// Tolerances are fixed in screen pixels, so they shrink in world space as one zooms in.
pub fn hit_test(doc: &Scenario, p: Point, zoom: f64) -> Hit {
    let zoom = clamp_zoom(zoom);
    let tol = HIT_TOLERANCE / zoom;
    // A little slack around the dot drawn, within the same cap.
    let handle_r = ((HANDLE_R + 2.0) / zoom).min(NODE_H / 2.0);
    for n in doc.nodes.iter().rev() {
        if output_handle(n).distance(p) <= handle_r {
            return Hit::Handle(n.id.clone());
        }
        if node_rect(n).contains(p) {
            return Hit::Node(n.id.clone());
        }
    }
    let mut best: Option<(f64, usize)> = None;
    for (i, segment) in wire_segments(doc).into_iter().enumerate() {
        if let Some((a, b)) = segment {
            let d = distance_to_segment(p, a, b);
            if d <= tol && best.is_none_or(|(bd, _)| d <= bd) {
                best = Some((d, i));
            }
        }
    }
    if let Some((_, i)) = best {
        return Hit::Wire(i);
    }
    let grip = DC_GRIP / zoom;
    for dc in doc.data_centers.iter().rev() {
        let r = Rect::of_dc(dc);
        if Rect::new(r.right() - grip, r.bottom() - grip, grip * 2.0, grip * 2.0).contains(p) {
            return Hit::DcGrip(dc.id.clone());
        }
        let outer = r.inflate(tol);
        let inner = Rect::new(
            r.x + tol,
            r.y + DC_LABEL_H,
            r.w - 2.0 * tol,
            r.h - DC_LABEL_H - tol,
        );
        if outer.contains(p) && !(inner.w > 0.0 && inner.h > 0.0 && inner.contains(p)) {
            return Hit::DataCenter(dc.id.clone());
        }
    }
    Hit::Canvas
}

/// The topmost node whose box contains `p`.
pub fn node_at(doc: &Scenario, p: Point) -> Option<&Node> {
    doc.nodes.iter().rev().find(|n| node_rect(n).contains(p))
}

/// The topmost data center whose rectangle contains `p`: where a node dropped at `p` lives.
pub fn dc_at(doc: &Scenario, p: Point) -> Option<&DataCenter> {
    doc.data_centers
        .iter()
        .rev()
        .find(|dc| Rect::of_dc(dc).contains(p))
}

/// Ids of the nodes whose box touches the marquee `r`, in document order.
pub fn marquee(doc: &Scenario, r: &Rect) -> Vec<String> {
    doc.nodes
        .iter()
        .filter(|n| node_rect(n).intersects(r))
        .map(|n| n.id.clone())
        .collect()
}

/// `v` rounded to the nearest multiple of `grid` [px]; `grid <= 0` leaves it unchanged.
pub fn snap(v: f64, grid: f64) -> f64 {
    if grid > 0.0 && v.is_finite() {
        (v / grid).round() * grid
    } else {
        v
    }
}

/// Both coordinates snapped to `grid` [px].
pub fn snap_point(p: Point, grid: f64) -> Point {
    Point::new(snap(p.x, grid), snap(p.y, grid))
}

/// The smallest rectangle holding every node box and data center; `None` for an empty canvas.
pub fn bounds(doc: &Scenario) -> Option<Rect> {
    let nodes = doc.nodes.iter().map(node_rect);
    let dcs = doc.data_centers.iter().map(Rect::of_dc);
    nodes.chain(dcs).reduce(|a, b| a.union(&b))
}

/// `zoom` limited to [`ZOOM_MIN`]..=[`ZOOM_MAX`]; not-a-number becomes 1.
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_nan() {
        1.0
    } else {
        zoom.clamp(ZOOM_MIN, ZOOM_MAX)
    }
}

/// How the world is shown: `screen = world * zoom + pan`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen position of the world origin, horizontal [px].
    pub pan_x: f64,
    /// Screen position of the world origin, vertical [px].
    pub pan_y: f64,
    /// Screen pixels per world pixel, within [`ZOOM_MIN`]..=[`ZOOM_MAX`].
    pub zoom: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            pan_x: 0.0,
            pan_y: 0.0,
            zoom: 1.0,
        }
    }
}

impl Viewport {
    /// World point -> screen point [px].
    pub fn to_screen(&self, p: Point) -> Point {
        Point::new(p.x * self.zoom + self.pan_x, p.y * self.zoom + self.pan_y)
    }

    /// Screen point -> world point [px].
    pub fn to_world(&self, p: Point) -> Point {
        let z = clamp_zoom(self.zoom);
        Point::new((p.x - self.pan_x) / z, (p.y - self.pan_y) / z)
    }

    /// Zoom to `zoom` (clamped) keeping the world point under `screen` [px] where it is.
    pub fn zoom_to(&self, zoom: f64, screen: Point) -> Viewport {
        let world = self.to_world(screen);
        let zoom = clamp_zoom(zoom);
        Viewport {
            pan_x: screen.x - world.x * zoom,
            pan_y: screen.y - world.y * zoom,
            zoom,
        }
    }

    /// Multiply the zoom by `factor` about `screen` [px] (a wheel or pinch step).
    pub fn zoom_by(&self, factor: f64, screen: Point) -> Viewport {
        self.zoom_to(self.zoom * factor, screen)
    }

    /// Shift the view by a screen distance [px].
    pub fn pan_by(&self, dx: f64, dy: f64) -> Viewport {
        Viewport {
            pan_x: self.pan_x + dx,
            pan_y: self.pan_y + dy,
            zoom: self.zoom,
        }
    }

    /// The view showing `bounds` centred in a `width` x `height` screen [px] with `margin`
    /// screen pixels on each side, zoom clamped to at most 1 (fit never magnifies a small
    /// diagram) and at least [`ZOOM_MIN`].
    pub fn fit(bounds: &Rect, width: f64, height: f64, margin: f64) -> Viewport {
        let avail_w = (width - 2.0 * margin).max(1.0);
        let avail_h = (height - 2.0 * margin).max(1.0);
        let zx = if bounds.w > 0.0 {
            avail_w / bounds.w
        } else {
            1.0
        };
        let zy = if bounds.h > 0.0 {
            avail_h / bounds.h
        } else {
            1.0
        };
        let zoom = clamp_zoom(zx.min(zy).min(1.0));
        let c = bounds.center();
        Viewport {
            pan_x: width / 2.0 - c.x * zoom,
            pan_y: height / 2.0 - c.y * zoom,
            zoom,
        }
    }

    /// The world rectangle visible in a `width` x `height` screen [px].
    pub fn visible(&self, width: f64, height: f64) -> Rect {
        let a = self.to_world(Point::new(0.0, 0.0));
        let b = self.to_world(Point::new(width, height));
        Rect::from_corners(a, b)
    }
}
