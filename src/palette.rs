//! The palette: one button per component kind (icon + name, read by screen readers) and one for
//! a data center. Drag one onto the canvas to place it there; click it, or press Enter or Space
//! on it, to place it at the centre of the view. Dragging uses pointer events, so touch works.

use scaleboard_sim::edit::Point;
use scaleboard_sim::Kind;
use web_sys::Element;
use yew::prelude::*;

use crate::dom;
use crate::i18n::{self, Lang};
use crate::icons::icon;
use crate::state::{Msg, State};

/// Distance a press must travel before it is a drag rather than a click [px].
const DRAG_PX: f64 = 4.0;

/// What a palette button places.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    Node(Kind),
    DataCenter,
}

impl Item {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Item::Node(k) => i18n::kind_label(lang, k),
            Item::DataCenter => i18n::text(lang).data_center,
        }
    }

    fn place(self, at: Option<Point>) -> Msg {
        match self {
            Item::Node(k) => Msg::Place(k, at),
            Item::DataCenter => Msg::PlaceDataCenter(at),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub state: UseReducerHandle<State>,
    /// The canvas `<svg>`: drops are located against it.
    pub canvas: NodeRef,
}

#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    let t = i18n::use_text();
    let items = Kind::ALL
        .iter()
        .map(|k| Item::Node(*k))
        .chain(std::iter::once(Item::DataCenter));
    html! {
        <nav class="palette" aria-label={t.components}>
            <h2>{ t.components }</h2>
            <ul>
                { for items.map(|item| html! {
                    <li><PaletteButton {item} state={props.state.clone()} canvas={props.canvas.clone()} /></li>
                }) }
            </ul>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct ButtonProps {
    item: Item,
    state: UseReducerHandle<State>,
    canvas: NodeRef,
}

#[function_component(PaletteButton)]
fn palette_button(props: &ButtonProps) -> Html {
    // Where the press started [px, client], while pressed; and whether it became a drag.
    let press = use_mut_ref(|| None::<(f64, f64, bool)>);
    let lang = i18n::use_lang();
    let label = props.item.label(lang);
    let button = use_node_ref();
    let item = props.item;
    let onpointerdown = {
        let (press, button) = (press.clone(), button.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            e.prevent_default();
            // Capture on the button itself: Yew delegates events, so `current_target` is the
            // page's root, and capturing there would send the drag's moves past this button.
            if let Some(t) = button.cast::<Element>() {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            *press.borrow_mut() = Some((f64::from(e.client_x()), f64::from(e.client_y()), false));
        })
    };
    let onpointermove = {
        let (press, state, canvas) = (press.clone(), props.state.clone(), props.canvas.clone());
        Callback::from(move |e: PointerEvent| {
            let mut p = press.borrow_mut();
            let Some((x0, y0, dragging)) = p.as_mut() else {
                return;
            };
            let moved = (f64::from(e.client_x()) - *x0).hypot(f64::from(e.client_y()) - *y0);
            *dragging = *dragging || moved >= DRAG_PX;
            if !*dragging {
                return;
            }
            let over = canvas.cast::<Element>().filter(|c| dom::inside(&e, c));
            let ghost = match (item, over) {
                (Item::Node(k), Some(c)) => Some((k, dom::local(&e, &c))),
                _ => None,
            };
            if state.ghost != ghost {
                state.dispatch(Msg::Ghost(ghost));
            }
        })
    };
    let onpointerup = {
        let (press, state, canvas) = (press.clone(), props.state.clone(), props.canvas.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((_, _, dragging)) = press.borrow_mut().take() else {
                return;
            };
            let over = canvas.cast::<Element>().filter(|c| dom::inside(&e, c));
            match (dragging, over) {
                (false, _) => state.dispatch(item.place(None)),
                (true, Some(c)) => state.dispatch(item.place(Some(dom::local(&e, &c)))),
                // Dropped back outside the canvas: nothing placed.
                (true, None) => state.dispatch(Msg::Ghost(None)),
            }
        })
    };
    let onpointercancel = {
        let (press, state) = (press.clone(), props.state.clone());
        Callback::from(move |_: PointerEvent| {
            press.borrow_mut().take();
            state.dispatch(Msg::Ghost(None));
        })
    };
    // Keyboard activation (Enter, Space) arrives as a click with no pointer press behind it.
    let onclick = {
        let state = props.state.clone();
        Callback::from(move |e: MouseEvent| {
            if e.detail() == 0 {
                state.dispatch(item.place(None));
            }
        })
    };
    let glyph = match item {
        Item::Node(k) => {
            html! { <svg class="glyph" viewBox="0 0 24 24" aria-hidden="true">{ icon(k) }</svg> }
        }
        Item::DataCenter => html! {
            <svg class="glyph" viewBox="0 0 24 24" aria-hidden="true">
                <rect class="icon dashed" x="2" y="4" width="20" height="16" rx="3" />
            </svg>
        },
    };
    html! {
        <button type="button" class="palette-item" ref={button} aria-label={label} title={(i18n::text(lang).palette_tip)(label)}
                data-kind={match item { Item::Node(k) => k.key(), Item::DataCenter => "data_center" }}
                {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onclick}>
            { glyph }<span>{ label }</span>
        </button>
    }
}
