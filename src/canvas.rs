//! The SVG canvas: draws the editor (see `diagram.rs`) and forwards pointer and wheel input
//! to the model. Pointer events throughout, captured on press, so mouse, pen and touch drags
//! keep working when they leave the element.

use std::collections::HashMap;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use scaleboard_sim::edit::{Tool, Viewport};
use scaleboard_sim::Snapshot;
use wasm_bindgen::JsCast;
use web_sys::{Element, WheelEvent};
use yew::prelude::*;

use crate::diagram;
use crate::dom;
use crate::i18n;
use crate::live_view::{self, NodeLive};
use crate::state::{Msg, State};

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub state: UseReducerHandle<State>,
    /// The `<svg>` element, shared with the palette (drops are located against it).
    pub node_ref: NodeRef,
    /// Makes the ids of the SVG's defs unique on the page.
    pub uid: AttrValue,
    /// The running simulation's latest snapshot, drawn over the diagram; `None` when stopped.
    #[prop_or_default]
    pub live: Option<Rc<Snapshot>>,
    /// Presenter mode: node names drawn large enough to read from the back of a room.
    #[prop_or_default]
    pub presenting: bool,
    /// A traced request's path, lit while its waterfall is open.
    #[prop_or_default]
    pub lit: Option<Rc<crate::trace::path::Lit>>,
}

/// Wheel deltas in lines or pages are scaled to pixels by these [px per unit].
const LINE_PX: f64 = 16.0;
const PAGE_PX: f64 = 600.0;

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let state = &props.state;
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    // Wheel needs a non-passive listener so the page does not scroll or zoom as well.
    {
        let (node_ref, state) = (props.node_ref.clone(), state.clone());
        use_effect_with((), move |_| {
            let listener = node_ref.cast::<Element>().map(|el| {
                let target = el.clone();
                EventListener::new_with_options(
                    &el,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<WheelEvent>() else {
                            return;
                        };
                        e.prevent_default();
                        let unit = match e.delta_mode() {
                            1 => LINE_PX,
                            2 => PAGE_PX,
                            _ => 1.0,
                        };
                        let at = dom::local(e, &target);
                        state.dispatch(Msg::Wheel(
                            at,
                            e.delta_x() * unit,
                            e.delta_y() * unit,
                            dom::mouse_mods(e),
                        ));
                    },
                )
            });
            move || drop(listener)
        });
    }
    let onpointerdown = {
        let (state, node_ref) = (state.clone(), props.node_ref.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(svg) = node_ref.cast::<Element>() else {
                return;
            };
            // Located before anything can scroll the page.
            let input = dom::pointer(&e, &svg);
            // No text selection, no native drag; focus comes back to the canvas (for the
            // keys), without scrolling it into view.
            e.prevent_default();
            if let Some(s) = svg.dyn_ref::<web_sys::SvgElement>() {
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = s.focus_with_options(&opts);
            }
            let _ = svg.set_pointer_capture(e.pointer_id());
            state.dispatch(if e.pointer_type() == "touch" {
                Msg::TouchDown(input)
            } else {
                Msg::Down(input)
            });
        })
    };
    let idle = matches!(state.ed.tool, Tool::Idle);
    let onpointermove = {
        let (state, node_ref) = (state.clone(), props.node_ref.clone());
        Callback::from(move |e: PointerEvent| {
            if idle {
                return;
            }
            if let Some(svg) = node_ref.cast::<Element>() {
                state.dispatch(Msg::Move(dom::pointer(&e, &svg)));
            }
        })
    };
    let onpointerup = {
        let (state, node_ref) = (state.clone(), props.node_ref.clone());
        Callback::from(move |e: PointerEvent| {
            if let Some(svg) = node_ref.cast::<Element>() {
                state.dispatch(Msg::Up(dom::pointer(&e, &svg)));
            }
        })
    };
    let onpointercancel = {
        let state = state.clone();
        Callback::from(move |_: PointerEvent| state.dispatch(Msg::Cancel))
    };
    let ed = &state.ed;
    let cursor = match &ed.tool {
        Tool::Panning { .. } => "panning",
        Tool::DraggingNodes { .. } | Tool::DraggingDc { .. } => "moving",
        Tool::Wiring { .. } => "wiring",
        _ if ed.space_held => "pan-ready",
        _ => "",
    };
    let uid = props.uid.to_string();
    // Once per snapshot, not per pointer move.
    let live = {
        let snapshot = Latest(props.live.clone());
        use_memo(snapshot, |s| live_view::by_id(s.0.as_deref()))
    };
    let wires = {
        let snapshot = Latest(props.live.clone());
        use_memo(snapshot, |s| crate::wire_marks::by_ends(s.0.as_deref()))
    };
    let world = html! {
        <World state={state.clone()} stamp={state.stamp()} still={still(state)}
               uid={props.uid.clone()} live={Rc::clone(&live)} wires={Rc::clone(&wires)} {lang} lit={props.lit.clone()} />
    };
    let lift = diagram::lift(ed)
        .map(|l| diagram::lift_layer(ed, &l, &uid, &live, &state.dispatcher(), lang));
    html! {
        // Keyed: unkeyed, adding the layer would turn this very element into it and lose the
        // pointer capture of the drag that added it.
        <>
        <svg key="canvas" class={classes!("canvas", cursor)} ref={props.node_ref.clone()} tabindex="0" role="group"
             aria-label={(t.diagram_of)(&ed.doc.name)}
             aria-roledescription={t.canvas_role}
             data-sized={state.measured.then_some("")}
             {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
            { diagram::defs(&uid) }
            { world }
            { for props.presenting.then(|| crate::workshop::presenter::names_layer(ed, lang, &live)) }
            { diagram::screen_overlays(ed) }
            { for (ed.doc.nodes.is_empty() && state.ghost.is_none()).then(|| empty_hint(t.empty_hint)) }
        </svg>
        { for lift }
        </>
    }
}

/// A snapshot compared by identity: a new one is a new frame, however alike.
struct Latest(Option<Rc<Snapshot>>);

impl PartialEq for Latest {
    fn eq(&self, other: &Latest) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[derive(Properties)]
struct WorldProps {
    /// Read when drawing; whether to draw is decided by `stamp` and `still`.
    state: UseReducerHandle<State>,
    /// The state's stamp when these props were made (a handle reads the newest state).
    stamp: u64,
    /// What a node drag leaves alone, while one moves nodes.
    still: Option<Still>,
    uid: AttrValue,
    /// The live figures by node id (empty when stopped), one map per snapshot.
    live: Rc<HashMap<String, NodeLive>>,
    /// The run's wires by their ends (empty when stopped), one map per snapshot.
    wires: Rc<HashMap<(String, String), scaleboard_sim::WireSnapshot>>,
    lang: i18n::Lang,
    lit: Option<Rc<crate::trace::path::Lit>>,
}

/// Everything the world draws that a node drag could change besides the moving nodes'
/// positions (`diagram::lift`), and which drag it is.
#[derive(PartialEq)]
struct Still {
    anchor: String,
    start: (u64, u64),
    view: (Viewport, (f64, f64)),
    counts: (usize, usize, usize),
}

fn still(s: &State) -> Option<Still> {
    let ed = &s.ed;
    let Tool::DraggingNodes {
        moved: true,
        anchor,
        start,
        ..
    } = &ed.tool
    else {
        return None;
    };
    Some(Still {
        anchor: anchor.clone(),
        start: (start.x.to_bits(), start.y.to_bits()),
        view: (ed.viewport, ed.view_size),
        counts: (ed.selection.len(), ed.doc.nodes.len(), ed.doc.wires.len()),
    })
}

/// The world is drawn again when the state changed, except while a drag moves nodes and
/// nothing else: those are drawn on the lift layer meanwhile.
impl PartialEq for WorldProps {
    fn eq(&self, other: &WorldProps) -> bool {
        Rc::ptr_eq(&self.live, &other.live)
            && Rc::ptr_eq(&self.wires, &other.wires)
            && self.uid == other.uid
            && self.lang == other.lang
            && self.lit == other.lit
            && (self.stamp == other.stamp || (self.still.is_some() && self.still == other.still))
    }
}

#[function_component(World)]
fn world(props: &WorldProps) -> Html {
    let s = &props.state;
    diagram::world(
        &s.ed,
        &props.uid,
        s.ghost,
        diagram::Run {
            nodes: &props.live,
            wires: &props.wires,
        },
        &s.dispatcher(),
        props.lang,
        props.lit.as_deref(),
    )
}

fn empty_hint(text: &'static str) -> Html {
    html! {
        <text class="empty-hint" x="50%" y="50%" text-anchor="middle">
            { text }
        </text>
    }
}
