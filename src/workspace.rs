//! The editor page: the one root `use_reducer` around the model's editor, and the pieces that
//! read it (toolbar, palette, canvas, inspector, help). Keyboard shortcuts and resizes are
//! listened for on the window; text fields keep their keys.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use scaleboard_sim::edit::actions::for_key;
use scaleboard_sim::edit::Viewport;
use scaleboard_sim::Scenario;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::dom;
use crate::help::Help;
use crate::inspector::Inspector;
use crate::palette::Palette;
use crate::state::{Msg, State};
use crate::toolbar::Toolbar;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    /// The document to start from.
    pub doc: Rc<Scenario>,
    /// A saved view to restore; `None` fits the diagram.
    #[prop_or_default]
    pub viewport: Option<Viewport>,
    /// Embed mode: canvas and view controls only.
    #[prop_or_default]
    pub embed: bool,
}

/// Each mounted workspace gets its own SVG ids.
fn next_uid() -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    NEXT.with(|n| {
        n.set(n.get() + 1);
        format!("c{}", n.get())
    })
}

#[function_component(Workspace)]
pub fn workspace(props: &WorkspaceProps) -> Html {
    let state = {
        let doc = Rc::clone(&props.doc);
        use_reducer(move || State::new((*doc).clone()))
    };
    let canvas = use_node_ref();
    let uid = use_memo((), |_| next_uid());
    // Measure the canvas once mounted (fit or restore the view), and again on every resize.
    {
        let (state, canvas, viewport) = (state.clone(), canvas.clone(), props.viewport);
        use_effect_with((), move |_| {
            let measure = {
                let (state, canvas) = (state.clone(), canvas.clone());
                move |fit: bool| {
                    if let Some(el) = canvas.cast::<Element>() {
                        let (w, h) = dom::size(&el);
                        state.dispatch(Msg::ViewSize(w, h, fit));
                    }
                }
            };
            measure(viewport.is_none());
            if let Some(v) = viewport {
                state.dispatch(Msg::SetViewport(v));
            }
            let resize = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure(false)));
            move || drop(resize)
        });
    }
    // Shortcuts from the model's action table, wherever focus is, except in text fields.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let down = {
                let state = state.clone();
                EventListener::new_with_options(&doc, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                    if dom::typing_target(e) {
                        return;
                    }
                    let (key, mods) = (e.key(), dom::key_mods(e));
                    if key == " " || for_key(&key, mods).is_some() {
                        e.prevent_default();
                        state.dispatch(Msg::Key(key, mods));
                    }
                })
            };
            let up = EventListener::new(&doc, "keyup", move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    if e.key() == " " {
                        state.dispatch(Msg::KeyUp(e.key()));
                    }
                }
            });
            move || drop((down, up))
        });
    }
    let uid: AttrValue = (*uid).clone().into();
    if props.embed {
        return html! {
            <div class="workspace embed">
                <div class="canvas-wrap">
                    <Canvas state={state.clone()} node_ref={canvas} {uid} />
                    <Toolbar state={state.clone()} />
                </div>
            </div>
        };
    }
    html! {
        <div class="workspace">
            <Palette state={state.clone()} canvas={canvas.clone()} />
            <div class="canvas-wrap">
                <Canvas state={state.clone()} node_ref={canvas} {uid} />
                <Toolbar state={state.clone()} />
            </div>
            <Inspector state={state.clone()} />
            <Help state={state.clone()} />
        </div>
    }
}
