//! The architecture drawn as SVG: data-center regions, wires with arrowheads, and nodes.
//! Nodes are focusable buttons: click, or Tab + Enter, selects one; Escape clears the selection.

use std::rc::Rc;

use scaleboard_sim::{Node, Scenario};
use yew::prelude::*;

use crate::icons::icon;

/// Width of a node's box [px in scenario coordinates].
pub const NODE_W: f64 = 176.0;
/// Height of a node's box [px].
pub const NODE_H: f64 = 64.0;
/// Empty space kept around the drawing [px].
const MARGIN: f64 = 48.0;
/// Where a node's name starts, right of its icon [px from the box's left edge].
const NAME_X: f64 = 50.0;
/// Font size of a node's name [px]; must match `.node text.name` in static/style.css.
const NAME_PX: f64 = 14.0;
/// Gap between a wire's arrow tip and the box it points at [px].
const ARROW_GAP: f64 = 4.0;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub scenario: Rc<Scenario>,
    pub selected: Option<String>,
    pub on_select: Callback<Option<String>>,
}

/// A rectangle [px]: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn union(self, o: Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect {
            x,
            y,
            w: (self.x + self.w).max(o.x + o.w) - x,
            h: (self.y + self.h).max(o.y + o.h) - y,
        }
    }
}

fn node_rect(n: &Node) -> Rect {
    Rect {
        x: n.x - NODE_W / 2.0,
        y: n.y - NODE_H / 2.0,
        w: NODE_W,
        h: NODE_H,
    }
}

/// The smallest view box that shows every node and data center with a margin.
pub fn view_box(s: &Scenario) -> Rect {
    let rects = s
        .nodes
        .iter()
        .map(node_rect)
        .chain(s.data_centers.iter().map(|d| Rect {
            x: d.x,
            y: d.y,
            w: d.w,
            h: d.h,
        }));
    let bounds = rects.reduce(Rect::union).unwrap_or(Rect {
        x: 0.0,
        y: 0.0,
        w: 640.0,
        h: 360.0,
    });
    Rect {
        x: bounds.x - MARGIN,
        y: bounds.y - MARGIN,
        w: bounds.w + 2.0 * MARGIN,
        h: bounds.h + 2.0 * MARGIN,
    }
}

/// Where the straight line from `from`'s centre towards `to`'s centre leaves `from`'s box [px].
pub fn border_point(from: (f64, f64), to: (f64, f64), gap: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let half_w = NODE_W / 2.0 + gap;
    let half_h = NODE_H / 2.0 + gap;
    let tx = if dx.abs() > f64::EPSILON {
        half_w / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > f64::EPSILON {
        half_h / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty);
    if t.is_finite() {
        (from.0 + dx * t, from.1 + dy * t)
    } else {
        from
    }
}

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let s = &props.scenario;
    let vb = view_box(s);
    let on_canvas_key = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_select.emit(None);
            }
        })
    };
    let on_background = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(None))
    };
    html! {
        <svg class="canvas" role="group" aria-label={format!("Diagram of {}", s.name)}
             viewBox={format!("{} {} {} {}", vb.x, vb.y, vb.w, vb.h)}
             preserveAspectRatio="xMidYMid meet" onkeydown={on_canvas_key}>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"
                        orient="auto-start-reverse">
                    <path class="arrowhead" d="M 0 0 L 10 5 L 0 10 z" />
                </marker>
            </defs>
            <rect x={vb.x.to_string()} y={vb.y.to_string()} width={vb.w.to_string()} height={vb.h.to_string()}
                  fill="transparent" onclick={on_background} />
            { for s.data_centers.iter().map(|d| html! {
                <g class="dc" data-dc={d.id.clone()}>
                    <rect x={d.x.to_string()} y={d.y.to_string()} width={d.w.to_string()} height={d.h.to_string()} rx="14" />
                    <text x={(d.x + 14.0).to_string()} y={(d.y + 22.0).to_string()}>{ &d.name }</text>
                </g>
            }) }
            { for s.wires.iter().filter_map(|w| wire(s, &w.from, &w.to)) }
            { for s.nodes.iter().map(|n| node_view(n, props.selected.as_deref() == Some(n.id.as_str()), &props.on_select)) }
        </svg>
    }
}

fn wire(s: &Scenario, from: &str, to: &str) -> Option<Html> {
    let a = s.nodes.iter().find(|n| n.id == from)?;
    let b = s.nodes.iter().find(|n| n.id == to)?;
    let start = border_point((a.x, a.y), (b.x, b.y), 0.0);
    let end = border_point((b.x, b.y), (a.x, a.y), ARROW_GAP);
    Some(html! {
        <line class="wire" data-from={from.to_string()} data-to={to.to_string()}
              x1={start.0.to_string()} y1={start.1.to_string()} x2={end.0.to_string()} y2={end.1.to_string()}
              marker-end="url(#arrow)" />
    })
}

fn node_view(n: &Node, selected: bool, on_select: &Callback<Option<String>>) -> Html {
    let r = node_rect(n);
    let onclick = {
        let (on_select, id) = (on_select.clone(), n.id.clone());
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_select.emit(Some(id.clone()));
        })
    };
    let onkeydown = {
        let (on_select, id) = (on_select.clone(), n.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(Some(id.clone()));
            }
        })
    };
    let label = n.kind.label();
    html! {
        <g class={classes!("node", selected.then_some("selected"))} data-id={n.id.clone()} tabindex="0"
           role="button" aria-pressed={selected.to_string()} aria-label={format!("{label}: {}", n.name)}
           transform={format!("translate({} {})", r.x, r.y)} {onclick} {onkeydown}>
            <rect class="body" width={NODE_W.to_string()} height={NODE_H.to_string()} rx="10" />
            <g transform="translate(14 18)">{ icon(n.kind) }</g>
            <title>{ format!("{label}: {}", n.name) }</title>
            <text class="name" x={NAME_X.to_string()} y="29">{ fit_label(&n.name, NODE_W - NAME_X - 10.0, NAME_PX) }</text>
            <text class="kind" x={NAME_X.to_string()} y="47">{ label }</text>
        </g>
    }
}

/// Estimated advance of one character of bold sans-serif text [em]. SVG text does not wrap or
/// clip, and measuring needs layout, so names are fitted by this estimate: wide enough for the
/// common fonts (DejaVu, Segoe, Roboto), erring on the side of cutting early.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | 'I' | ' ' | 'f' | 't' | 'r' => 0.36,
        'm' | 'w' | 'M' | 'W' => 0.95,
        c if c.is_ascii_uppercase() => 0.74,
        c if c.is_ascii() => 0.62,
        // CJK and other wide scripts (Korean names) take a full em.
        _ => 1.0,
    }
}

/// `name` if it fits in `max_px` at `font_px`, else its longest prefix that fits followed by "…".
pub fn fit_label(name: &str, max_px: f64, font_px: f64) -> String {
    let width = |s: &str| s.chars().map(char_em).sum::<f64>() * font_px;
    if width(name) <= max_px {
        return name.to_string();
    }
    let budget = max_px - width("…");
    let mut used = 0.0;
    let mut out = String::new();
    for c in name.chars() {
        used += char_em(c) * font_px;
        if used > budget {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}
