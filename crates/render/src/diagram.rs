//! The diagram as the app's canvas draws it (src/diagram.rs): data-center frames, wires with
//! arrowheads, and each node's box with its name and kind, in the document's own layout
//! (`scaleboard_sim::edit::geometry`). A node is filled by its utilisation over the run's last
//! window, as the canvas colours a running design, and marked when it ended the run down.

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use scaleboard_sim::edit::geometry::{bounds, node_rect, wire_segments, NODE_H, NODE_W};
use scaleboard_sim::edit::Rect;
use scaleboard_sim::label::{fit_label, width};
use scaleboard_sim::{Kind, Node, NodeSnapshot, Role, Scenario, Snapshot};

use crate::palette::{self, BAD, BAD_BG, DC, INK, MUTED, NODE_STROKE, WIRE};
use crate::text::style;

/// Room around the design's bounds [px, document].
const PAD: f64 = 12.0;
/// Scale below which names would be too small to read at the figure's width: the figure grows
/// wider instead.
pub const MIN_SCALE: f64 = 0.6;
/// A node's name: its left inset, baseline row and size [px, document], as the canvas's
/// `text.name` (there the icon takes the left; here the name does).
const NAME_X: f64 = 12.0;
const NAME_TOP: f64 = 13.0;
const NAME_PX: f64 = 14.0;
/// A node's kind line, under its name [px, document].
const KIND_TOP: f64 = 36.0;
const KIND_PX: f64 = 12.0;
/// Data-center names [px, document], as the canvas's `.dc text`.
const DC_PX: f64 = 13.0;
/// Height of the utilisation legend under the diagram [px].
pub const LEGEND_H: u32 = 26;

/// Where the document's space lands on the figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// The part of the document drawn [px, document].
    pub world: Rect,
    /// Figure pixels per document pixel.
    pub scale: f64,
}

impl Fit {
    /// The design `s` at `scale`, or `None` when it has nothing to draw.
    pub fn of(s: &Scenario, scale: f64) -> Option<Fit> {
        Some(Fit {
            world: bounds(s)?.inflate(PAD),
            scale,
        })
    }

    /// The scale at which `s` fits `width_px`, never above 1 (a small design keeps its size)
    /// nor below [`MIN_SCALE`].
    pub fn scale_for(s: &Scenario, width_px: f64) -> f64 {
        bounds(s).map_or(1.0, |b| {
            (width_px / (b.w + 2.0 * PAD)).clamp(MIN_SCALE, 1.0)
        })
    }

    /// The drawing's size [px, figure].
    pub fn size(&self) -> (u32, u32) {
        (
            (self.world.w * self.scale).ceil() as u32,
            (self.world.h * self.scale).ceil() as u32,
        )
    }

    /// A document point on the figure, relative to the drawing's area [px, whole].
    fn at(&self, x: f64, y: f64) -> (i32, i32) {
        (
            ((x - self.world.x) * self.scale).round() as i32,
            ((y - self.world.y) * self.scale).round() as i32,
        )
    }

    /// A document length on the figure [px], at least 1.
    fn len(&self, l: f64) -> u32 {
        (l * self.scale).round().max(1.0) as u32
    }
}

type Area<DB> = DrawingArea<DB, Shift>;

fn fail<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// Draws the design `s` on `area`, its nodes as `end` left them.
pub fn draw<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &Scenario,
    end: &Snapshot,
    fit: &Fit,
) -> Result<(), String> {
    for d in &s.data_centers {
        let r = Rect::of_dc(d);
        let corners = [fit.at(r.x, r.y), fit.at(r.x + r.w, r.y + r.h)];
        area.draw(&Rectangle::new(corners, DC.mix(0.05).filled()))
            .map_err(fail)?;
        area.draw(&Rectangle::new(corners, DC.mix(0.45).stroke_width(1)))
            .map_err(fail)?;
        let name = fit_label(&d.name, r.w - 28.0, DC_PX);
        area.draw(&Text::new(
            name,
            fit.at(r.x + 14.0, r.y + 8.0),
            style(DC_PX * fit.scale, true, &DC).pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(fail)?;
    }
    for (a, b) in wire_segments(s).into_iter().flatten() {
        let (from, to) = (fit.at(a.x, a.y), fit.at(b.x, b.y));
        area.draw(&PathElement::new(
            vec![from, to],
            WIRE.stroke_width(fit.len(2.0)),
        ))
        .map_err(fail)?;
        area.draw(&Polygon::new(arrowhead(from, to, fit.scale), WIRE.filled()))
            .map_err(fail)?;
    }
    let live: HashMap<&str, &NodeSnapshot> = end.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    for n in &s.nodes {
        node(area, n, live.get(n.id.as_str()).copied(), fit)?;
    }
    Ok(())
}

/// The three corners of an arrowhead ending at `to`, pointing along `from -> to` [px].
fn arrowhead(from: (i32, i32), to: (i32, i32), scale: f64) -> Vec<(i32, i32)> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let l = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / l, dy / l);
    // 10 px long, 8 px wide at scale 1: the canvas's marker.
    let (len, half) = (10.0 * scale, 4.0 * scale);
    let (bx, by) = (f64::from(to.0) - ux * len, f64::from(to.1) - uy * len);
    let p = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    vec![
        to,
        p(bx - uy * half, by + ux * half),
        p(bx + uy * half, by - ux * half),
    ]
}

/// What a node's second line says: its kind, or a database's role.
pub fn kind_line(n: &Node) -> &'static str {
    match (n.kind, n.role) {
        (Kind::Database, Some(Role::Replica)) => "Replica database",
        (Kind::Database, _) => "Primary database",
        (k, _) => k.label(),
    }
}

/// A node's name as drawn: fitted to its box by the model's estimate, as the canvas fits it.
pub fn shown_name(n: &Node) -> String {
    let name = if n.name.is_empty() { &n.id } else { &n.name };
    fit_label(name, NODE_W - 2.0 * NAME_X, NAME_PX)
}

fn node<DB: DrawingBackend>(
    area: &Area<DB>,
    n: &Node,
    live: Option<&NodeSnapshot>,
    fit: &Fit,
) -> Result<(), String> {
    let r = node_rect(n);
    let corners = [fit.at(r.x, r.y), fit.at(r.x + NODE_W, r.y + NODE_H)];
    let down = live.is_some_and(|l| !l.up);
    let (fill, stroke, stroke_px) = match live {
        Some(_) if down => (BAD_BG, BAD, 2.5),
        Some(l) => (
            palette::HEAT[palette::heat(l.utilization_window)],
            NODE_STROKE,
            1.5,
        ),
        None => (palette::BG, NODE_STROKE, 1.5),
    };
    area.draw(&Rectangle::new(corners, fill.filled()))
        .map_err(fail)?;
    area.draw(&Rectangle::new(
        corners,
        stroke.stroke_width(fit.len(stroke_px)),
    ))
    .map_err(fail)?;
    let top = Pos::new(HPos::Left, VPos::Top);
    area.draw(&Text::new(
        shown_name(n),
        fit.at(r.x + NAME_X, r.y + NAME_TOP),
        style(NAME_PX * fit.scale, true, &INK).pos(top),
    ))
    .map_err(fail)?;
    let kind = fit_label(kind_line(n), NODE_W - 2.0 * NAME_X, KIND_PX);
    area.draw(&Text::new(
        kind,
        fit.at(r.x + NAME_X, r.y + KIND_TOP),
        style(KIND_PX * fit.scale, false, &MUTED).pos(top),
    ))
    .map_err(fail)?;
    if down {
        area.draw(&Text::new(
            "DOWN",
            fit.at(r.x + NODE_W - 8.0, r.y + 4.0),
            style(11.0 * fit.scale, true, &BAD).pos(Pos::new(HPos::Right, VPos::Top)),
        ))
        .map_err(fail)?;
    }
    Ok(())
}

/// The legend under the diagram: what each fill means, at 12 px.
pub fn legend<DB: DrawingBackend>(area: &Area<DB>, left: i32) -> Result<(), String> {
    const PX: f64 = 12.0;
    let label = style(PX, false, &MUTED).pos(Pos::new(HPos::Left, VPos::Top));
    let lead = "Utilisation in the run's last second:";
    area.draw(&Text::new(lead, (left, 6), label.clone()))
        .map_err(fail)?;
    let mut x = left + width(lead, PX).round() as i32 + 10;
    let entries = palette::HEAT
        .iter()
        .zip(palette::HEAT_NAMES)
        .map(|(c, n)| (*c, NODE_STROKE, n))
        .chain(std::iter::once((BAD_BG, BAD, "down")));
    for (fill, stroke, name) in entries {
        let swatch = [(x, 6), (x + 12, 18)];
        area.draw(&Rectangle::new(swatch, fill.filled()))
            .map_err(fail)?;
        area.draw(&Rectangle::new(swatch, stroke.stroke_width(1)))
            .map_err(fail)?;
        area.draw(&Text::new(name, (x + 17, 6), label.clone()))
            .map_err(fail)?;
        x += 17 + width(name, PX).round() as i32 + 12;
    }
    Ok(())
}
