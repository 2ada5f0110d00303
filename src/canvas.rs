//! The SVG canvas: draws the editor (see `diagram.rs`) and forwards pointer and wheel input
//! to the model. Pointer events throughout, captured on press, so mouse, pen and touch drags
//! keep working when they leave the element.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use scaleboard_sim::edit::Tool;
use scaleboard_sim::Snapshot;
use wasm_bindgen::JsCast;
use web_sys::{Element, WheelEvent};
use yew::prelude::*;

use crate::diagram;
use crate::dom;
use crate::i18n;
use crate::live_view;
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
            state.dispatch(Msg::Down(input));
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
    let live = live_view::by_id(props.live.as_deref());
    html! {
        <svg class={classes!("canvas", cursor)} ref={props.node_ref.clone()} tabindex="0" role="group"
             aria-label={(t.diagram_of)(&ed.doc.name)}
             aria-roledescription={t.canvas_role}
             data-sized={state.measured.then_some("")}
             {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
            { diagram::defs(&uid) }
            { diagram::world(ed, &uid, state.ghost, &live, &state.dispatcher(), lang) }
            { diagram::screen_overlays(ed) }
            { for (ed.doc.nodes.is_empty() && state.ghost.is_none()).then(|| empty_hint(t.empty_hint)) }
        </svg>
    }
}

fn empty_hint(text: &'static str) -> Html {
    html! {
        <text class="empty-hint" x="50%" y="50%" text-anchor="middle">
            { text }
        </text>
    }
}
