//! Drawing the editor's document as SVG: data-center regions, wires with arrowheads, nodes with
//! their output handles, and the gesture overlays (marquee, wire being drawn, palette ghost,
//! a refused wire's reason). Pure functions of the model's state; input lives in `canvas.rs`.
//!
//! Everything inside the world group is in world coordinates [px]; the group's transform is
//! the model's viewport (`screen = world * zoom + pan`).

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use scaleboard_sim::edit::geometry::{
    handle_radius, input_point, node_rect, output_handle, wire_segments, DC_GRIP, GRID, NODE_H,
    NODE_W,
};
use scaleboard_sim::edit::{notice, Editor, Point, Rect, Tool};
use scaleboard_sim::{Kind, Node};
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::icons::icon;
use crate::live_view::{self, NodeLive};
use crate::state::{Msg, State};
use crate::wire_marks;

/// Where a node's name starts, right of its icon [px from the box's left edge].
const NAME_X: f64 = 50.0;
/// Font size of a node's name [px]; must match `.node text.name` in static/style.css.
const NAME_PX: f64 = 14.0;
/// Font size of a node's kind line [px]; must match `.node text.kind` in static/style.css.
const KIND_PX: f64 = 12.0;
/// Below this zoom (factor) output handles show only on hovered or selected nodes.
const FAR_ZOOM: f64 = 0.5;
/// Below this zoom (factor) the grid and the flow dots are not drawn: 16 px grid cells would be
/// under 2 screen pixels, a grey haze that costs a pattern fill of the whole view, and a dot
/// (radius 4 px) under half a pixel, while each one animates on the main thread. Thousands of
/// wires, all in view only when zoomed this far out, kept a playing 2,000-node diagram at a
/// few frames per second. Node colours still show the load.
const TINY_ZOOM: f64 = 0.12;

thread_local! {
    /// Node and wire views drawn since the page loaded.
    static DRAWN: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

/// How many node and wire views have been drawn since the page loaded. Each is a memoised
/// component, so a drag or a refresh draws only those whose own props changed; the component
/// tests hold the canvas to that.
pub fn views_drawn() -> (u64, u64) {
    DRAWN.with(Cell::get)
}

fn n(v: f64) -> String {
    // Two decimals are plenty for CSS pixels and keep the DOM small.
    format!("{:.2}", v)
}

/// The grid pattern and arrowhead marker. `uid` keeps ids unique when several canvases share
/// a page (component tests, an embed next to the editor).
pub fn defs(uid: &str) -> Html {
    html! {
        <defs>
            <marker id={format!("arrow-{uid}")} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8"
                    orient="auto-start-reverse">
                <path class="arrowhead" d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
            <pattern id={format!("grid-{uid}")} width={n(GRID)} height={n(GRID)} patternUnits="userSpaceOnUse">
                <path class="grid-line" d={format!("M {g} 0 L 0 0 0 {g}", g = GRID)} />
            </pattern>
        </defs>
    }
}

/// What a run adds to the drawing: each node's figures by id, each wire's state by its ends
/// (both empty when nothing runs).
pub struct Run<'a> {
    pub nodes: &'a HashMap<String, NodeLive>,
    pub wires: &'a HashMap<(String, String), scaleboard_sim::WireSnapshot>,
}

/// The world: grid, data centers, wires, nodes and the overlays of the gesture in progress.
pub fn world(
    ed: &Editor,
    uid: &str,
    ghost: Option<(Kind, Point)>,
    run: Run<'_>,
    dispatcher: &UseReducerDispatcher<State>,
    lang: Lang,
    lit: Option<&crate::trace::path::Lit>,
) -> Html {
    // The nodes a drag is moving are drawn on the lift layer instead; here they keep their
    // place, hidden, so this tree does not change while they move.
    let lift = lift(ed);
    let lifted = lift.as_ref().map(|l| &l.ids);
    let is_lifted = |id: &str| lifted.is_some_and(|ids| ids.contains(id));
    let v = ed.viewport;
    let visible = v
        .visible(ed.view_size.0, ed.view_size.1)
        .inflate(GRID * 2.0);
    let zoom = v.zoom;
    let (target, refused) = match &ed.tool {
        Tool::Wiring {
            target, refusal, ..
        } => (target.clone(), refusal.is_some()),
        _ => (None, false),
    };
    let marker = AttrValue::from(format!("url(#arrow-{uid})"));
    let live = run.nodes;
    let lit_wires = lit.map(|l| l.through(&ed.doc.wires));
    let t = i18n::text(lang);
    html! {
        // Zoomed far out, handles (a constant size on screen) would dwarf the nodes: they show
        // on hover and selection only.
        // A traced request's path lit, the rest dimmed (`tracing`), while its waterfall is open.
        <g class={classes!(world_classes(zoom, ed.read_only), lit.is_some().then_some("tracing"))} transform={world_transform(ed)}>
            <rect class="grid" x={n(visible.x)} y={n(visible.y)} width={n(visible.w)} height={n(visible.h)}
                  fill={format!("url(#grid-{uid})")} />
            { for ed.doc.data_centers.iter().map(|d| {
                let selected = ed.selected_dc.as_deref() == Some(d.id.as_str());
                let grip = DC_GRIP / zoom;
                html! {
                    <g class={classes!("dc", selected.then_some("selected"))} data-dc={d.id.clone()}>
                        <rect class="region" x={n(d.x)} y={n(d.y)} width={n(d.w)} height={n(d.h)} rx="14" />
                        <text x={n(d.x + 14.0)} y={n(d.y + 20.0)}>{ i18n::shown_name(lang, &d.name).into_owned() }</text>
                        if !ed.read_only {
                            <rect class="grip" x={n(d.x + d.w - grip)} y={n(d.y + d.h - grip)} width={n(grip)} height={n(grip)} />
                        }
                    </g>
                }
            }) }
            { for ed.doc.wires.iter().zip(wire_segments(&ed.doc)).filter_map(|(w, ends)| {
                let (a, b) = ends?;
                let selected = ed.selected_wire.as_ref().is_some_and(|(f, t)| *f == w.from && *t == w.to);
                // Memoised like nodes: only the wires at a moved node are drawn again. Matched by
                // position, not keyed: a key must be unique, and an id is only a string.
                let lifted = is_lifted(&w.from) || is_lifted(&w.to);
                let state = wire_marks::marks(w, run.wires.get(&(w.from.clone(), w.to.clone()))).line_classes();
                Some(html! {
                    <WireView from={w.from.clone()} to={w.to.clone()}
                              ends={(a, b)} {selected} {lifted} marker={marker.clone()}
                              lit={lit_wires.as_ref().is_some_and(|l| l.wire(&w.from, &w.to))}
                              {state} />
                })
            }) }
            if zoom >= TINY_ZOOM {
                { live_view::wire_dots(&ed.doc, live, &|w| is_lifted(&w.from) || is_lifted(&w.to)) }
            }
            { for ed.doc.nodes.iter().map(|node| {
                let mark = if target.as_deref() == Some(node.id.as_str()) {
                    Some(if refused { "refused" } else { "target" })
                } else {
                    None
                };
                // A component per node, matched by position: a pointer move or a refresh
                // re-renders only the nodes whose own props changed (position, selection, live
                // figures), not all of them.
                html! {
                    <NodeView node={node.clone()} selected={ed.selection.contains(&node.id)}
                              {mark} live={live.get(&node.id).copied()} {zoom}
                              lifted={is_lifted(&node.id)} lit={lit.is_some_and(|l| l.node(&node.id))}
                              dispatcher={dispatcher.clone()} {lang} />
                }
            }) }
            // Above the nodes: a short wire's tag would otherwise hide under the boxes it joins.
            { wire_marks::layer(&ed.doc, run.wires, &|w| is_lifted(&w.from) || is_lifted(&w.to), t) }
            { wiring_preview(ed, uid) }
            { for ed.tool.marquee_rect().map(|r| marquee(&r)) }
            { for ghost.map(|(kind, at)| ghost_view(kind, v.to_world(at), lang)) }
        </g>
    }
}

/// Classes of a world group: zoomed far out, handles show on hover and selection only; zoomed
/// very far out, text and markers go too. A read-only design (`?readonly`) shows no handles at
/// all: a wire cannot be drawn from them, and their crosshair would say it can.
fn world_classes(zoom: f64, read_only: bool) -> Classes {
    classes!(
        "world",
        (zoom < FAR_ZOOM).then_some("far"),
        (zoom < TINY_ZOOM).then_some("tiny"),
        read_only.then_some("read-only")
    )
}

/// The viewport as an SVG transform: `screen = world * zoom + pan`.
fn world_transform(ed: &Editor) -> String {
    let v = ed.viewport;
    format!("translate({} {}) scale({})", n(v.pan_x), n(v.pan_y), v.zoom)
}

/// The nodes a drag is moving, once it has passed the threshold.
pub struct Lift<'a> {
    /// Their ids.
    pub ids: HashSet<&'a str>,
    /// Their centres at the press [px, world].
    origins: &'a [(String, f64, f64)],
    /// How far they have moved since [px, world]: all by the same amount.
    offset: (f64, f64),
}

/// What a node drag is moving, if one is under way. Such a drag changes nothing but these
/// nodes' positions, so the canvas draws them on a layer of their own (`lift_layer`) and
/// leaves the rest, which can be thousands of views, alone: neither drawn again nor, being on
/// another layer, painted again on each move.
pub fn lift(ed: &Editor) -> Option<Lift<'_>> {
    let Tool::DraggingNodes {
        moved: true,
        anchor,
        origins,
        ..
    } = &ed.tool
    else {
        return None;
    };
    let (_, ax, ay) = origins.iter().find(|o| o.0 == *anchor)?;
    let now = ed.doc.node(anchor)?;
    Some(Lift {
        ids: origins.iter().map(|o| o.0.as_str()).collect(),
        origins,
        offset: (now.x - ax, now.y - ay),
    })
}

/// The layer a drag moves, over the canvas: the moving nodes as they were at the press, shifted
/// together by one transform (so their views are not drawn again), and the wires at them,
/// drawn where they are now. Hidden from assistive technology: the canvas keeps the nodes.
pub fn lift_layer(
    ed: &Editor,
    lift: &Lift,
    uid: &str,
    live: &HashMap<String, NodeLive>,
    dispatcher: &UseReducerDispatcher<State>,
    lang: Lang,
) -> Html {
    let zoom = ed.viewport.zoom;
    let marker = AttrValue::from(format!("url(#arrow-{uid})"));
    let at_press: HashMap<&str, (f64, f64)> = lift
        .origins
        .iter()
        .map(|(id, x, y)| (id.as_str(), (*x, *y)))
        .collect();
    // The moving nodes where they were at the press, in document order.
    let pressed: Vec<Node> = ed
        .doc
        .nodes
        .iter()
        .filter_map(|node| {
            let &(x, y) = at_press.get(node.id.as_str())?;
            Some(Node {
                x,
                y,
                ..node.clone()
            })
        })
        .collect();
    let by_id: HashMap<&str, &Node> = pressed.iter().map(|n| (n.id.as_str(), n)).collect();
    let (dx, dy) = lift.offset;
    let shifted = |p: Point| Point::new(p.x + dx, p.y + dy);
    // Wires between two moving nodes move with them, drawn as at the press; a wire from a moving
    // node to one left in place stretches, drawn where its ends are now.
    let (mut inside, mut stretched) = (Vec::new(), Vec::new());
    for w in &ed.doc.wires {
        let wire = |ends: (Point, Point)| {
            html! {
                <WireView from={w.from.clone()} to={w.to.clone()} {ends}
                          selected={false} lifted={false} marker={marker.clone()} />
            }
        };
        match (by_id.get(w.from.as_str()), by_id.get(w.to.as_str())) {
            (Some(a), Some(b)) => inside.push(wire((output_handle(a), input_point(b)))),
            (Some(a), None) => {
                if let Some(b) = ed.doc.node(&w.to) {
                    stretched.push(wire((shifted(output_handle(a)), input_point(b))));
                }
            }
            (None, Some(b)) => {
                if let Some(a) = ed.doc.node(&w.from) {
                    stretched.push(wire((output_handle(a), shifted(input_point(b)))));
                }
            }
            (None, None) => {}
        }
    }
    html! {
        <svg key="lift" class="lift" aria-hidden="true">
            <g class={world_classes(zoom, ed.read_only)} transform={world_transform(ed)}>
                { for stretched }
                <g class="moving" transform={format!("translate({} {})", n(dx), n(dy))}>
                    { for inside }
                    { for pressed.iter().map(|node| html! {
                        <NodeView node={node.clone()} selected={ed.selection.contains(&node.id)} mark={None}
                                  live={live.get(&node.id).copied()} {zoom} lifted={false} copy=true
                                  dispatcher={dispatcher.clone()} {lang} />
                    }) }
                </g>
            </g>
        </svg>
    }
}

fn marquee(r: &Rect) -> Html {
    html! { <rect class="marquee" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} /> }
}

fn wiring_preview(ed: &Editor, uid: &str) -> Html {
    let Tool::Wiring {
        from,
        pointer,
        target,
        refusal,
    } = &ed.tool
    else {
        return html! {};
    };
    let Some(src) = ed.doc.node(from) else {
        return html! {};
    };
    let a = output_handle(src);
    // An acceptable target: the loose end jumps to where the wire would arrive.
    let b = match (target.as_ref().and_then(|t| ed.doc.node(t)), refusal) {
        (Some(t), None) => input_point(t),
        _ => *pointer,
    };
    html! {
        <line class={classes!("wire", "preview", refusal.is_some().then_some("refused"))}
              x1={n(a.x)} y1={n(a.y)} x2={n(b.x)} y2={n(b.y)} marker-end={format!("url(#arrow-{uid})")} />
    }
}

/// Overlays in screen coordinates: the reason a wire is refused, next to the pointer, wrapped
/// and kept inside the canvas (`edit::notice::layout`) so the whole sentence can be read.
pub fn screen_overlays(ed: &Editor) -> Html {
    let live = match &ed.tool {
        Tool::Wiring {
            pointer,
            refusal: Some(text),
            ..
        } => Some((text.clone(), ed.viewport.to_screen(*pointer))),
        _ => None,
    };
    let notice = live.or_else(|| ed.notice.as_ref().map(|nt| (nt.text.clone(), nt.at)));
    let Some((text, at)) = notice else {
        return html! {};
    };
    let b = notice::layout(&text, at, ed.view_size);
    html! {
        <g class="notice" role="status" aria-label={text.clone()} transform={format!("translate({} {})", n(b.rect.x), n(b.rect.y))}>
            <rect width={n(b.rect.w)} height={n(b.rect.h)} rx="6" />
            <text aria-hidden="true">
                { for b.lines.iter().enumerate().map(|(i, line)| html! {
                    <tspan x={n(notice::NOTICE_PAD_PX)} y={n(notice::NOTICE_PAD_PX / 2.0 + 13.0 + i as f64 * notice::NOTICE_LINE_PX)}>{ line.clone() }</tspan>
                }) }
            </text>
        </g>
    }
}

fn ghost_view(kind: Kind, at: Point, lang: Lang) -> Html {
    let node = Node::new("ghost", kind, at.x, at.y);
    let r = node_rect(&node);
    html! {
        <g class="node ghost" aria-hidden="true" transform={format!("translate({} {})", n(r.x), n(r.y))}>
            <rect class="body" width={n(NODE_W)} height={n(NODE_H)} rx="10" />
            <g transform="translate(14 18)">{ icon(kind) }</g>
            <text class="name" x={n(NAME_X)} y="37">{ i18n::kind_label(lang, kind) }</text>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct WireViewProps {
    from: String,
    to: String,
    /// Where it starts and ends [world px].
    ends: (Point, Point),
    selected: bool,
    /// At a node a drag is moving: drawn on the lift layer instead, hidden here.
    lifted: bool,
    /// The arrowhead's `url(#…)`, unique to this canvas.
    marker: AttrValue,
    /// On a traced request's path.
    #[prop_or_default]
    lit: bool,
    /// Its run state's classes (`cut`, `open`, `half-open`; `wire_marks`).
    #[prop_or_default]
    state: Vec<&'static str>,
}

#[function_component(WireView)]
fn wire_view(props: &WireViewProps) -> Html {
    DRAWN.with(|d| d.set((d.get().0, d.get().1 + 1)));
    let (a, b) = props.ends;
    html! {
        <line class={classes!("wire", props.selected.then_some("selected"), props.lifted.then_some("lifted"), props.lit.then_some("lit"), props.state.clone())}
              data-from={props.from.clone()} data-to={props.to.clone()}
              x1={n(a.x)} y1={n(a.y)} x2={n(b.x)} y2={n(b.y)}
              marker-end={props.marker.clone()} />
    }
}

#[derive(Properties, PartialEq)]
struct NodeViewProps {
    node: Node,
    selected: bool,
    /// "target" or "refused" while a wire is being drawn onto it.
    mark: Option<&'static str>,
    live: Option<NodeLive>,
    /// The viewport's zoom (factor): handles keep a constant size on screen.
    zoom: f64,
    /// Being moved by a drag: drawn on the lift layer instead, hidden here.
    lifted: bool,
    /// The lift layer's copy: not focusable (the canvas keeps the node itself).
    #[prop_or_default]
    copy: bool,
    /// On a traced request's path.
    #[prop_or_default]
    lit: bool,
    /// Stable for the page's life, so it never makes the props differ.
    dispatcher: UseReducerDispatcher<State>,
    lang: Lang,
}

#[function_component(NodeView)]
fn node_view(props: &NodeViewProps) -> Html {
    DRAWN.with(|d| d.set((d.get().0 + 1, d.get().1)));
    let NodeViewProps {
        node,
        selected,
        mark,
        live,
        zoom,
        lifted,
        copy,
        lit,
        dispatcher,
        lang,
    } = props;
    let (selected, mark, live, zoom, lang) = (*selected, *mark, live.as_ref(), *zoom, *lang);
    let r = node_rect(node);
    let onkeydown = {
        let (dispatcher, id) = (dispatcher.clone(), node.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                dispatcher.dispatch(Msg::SelectOnly(id.clone()));
            }
        })
    };
    let label = i18n::kind_label(lang, node.kind);
    let name = i18n::shown_name(lang, &node.name);
    // A database says which it is: the primary takes writes, a replica copies it.
    let kind_line = if node.kind == Kind::Database {
        let t = i18n::text(lang);
        match node.role.unwrap_or(scaleboard_sim::Role::Primary) {
            scaleboard_sim::Role::Primary => t.role_primary,
            scaleboard_sim::Role::Replica => t.role_replica,
        }
        .to_string()
    } else {
        label.to_string()
    };
    let kind_line = fit_label(&kind_line, NODE_W - NAME_X - 10.0, KIND_PX);
    html! {
        <g class={classes!("node", selected.then_some("selected"), mark, lifted.then_some("lifted"), lit.then_some("lit"), live_view::node_classes(live))}
           data-id={node.id.clone()} tabindex={(!copy).then_some("0")}
           role="button" aria-pressed={selected.to_string()} aria-label={format!("{label}: {name}")}
           transform={format!("translate({} {})", n(r.x), n(r.y))} {onkeydown}>
            <rect class="body" width={n(NODE_W)} height={n(NODE_H)} rx="10" />
            <g transform="translate(14 18)">{ icon(node.kind) }</g>
            <title>{ format!("{label}: {name}") }</title>
            <text class="name" x={n(NAME_X)} y="29">{ fit_label(&name, NODE_W - NAME_X - 14.0, NAME_PX) }</text>
            <text class="kind" x={n(NAME_X)} y="47">{ kind_line }</text>
            // Constant size on screen: the model's hit radius is in screen pixels too.
            <circle class="handle" cx={n(NODE_W)} cy={n(NODE_H / 2.0)} r={n(handle_radius(zoom))} />
            { live_view::node_marks(live, lang) }
        </g>
    }
}

/// Names are fitted by the model's width estimate (SVG text does not wrap or clip).
pub use scaleboard_sim::label::fit_label;
