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
use crate::filebar::{link, BannerView, Filebar};
use crate::persist;
use crate::run::dock::RunDock;
use crate::state::{Banner, Msg, State};
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
    /// Write every change to local storage (the page's working copy; not in tests or embeds).
    #[prop_or_default]
    pub autosave: bool,
    /// The document is the autosaved working copy: save even view-only changes.
    #[prop_or_default]
    pub restored: bool,
    /// A message to show on arrival (a share link that could not be opened).
    #[prop_or_default]
    pub banner: Option<Banner>,
    /// Start the simulation at once (`?autoplay`, embeds).
    #[prop_or_default]
    pub autoplay: bool,
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
        let (doc, banner) = (Rc::clone(&props.doc), props.banner.clone());
        use_reducer(move || State::new((*doc).clone(), banner))
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
    // Never lose work: every document change (and, once the document is the working copy,
    // every view change) goes to local storage. A document merely opened from a link or a
    // built-in name is saved from its first edit on, so opening a link overwrites nothing.
    {
        let ed = &state.ed;
        let v = ed.viewport;
        let key = (ed.revision(), v.pan_x.to_bits(), v.pan_y.to_bits(), v.zoom.to_bits());
        let (state, enabled, restored) = (state.clone(), props.autosave, props.restored);
        use_effect_with(key, move |(revision, ..)| {
            if enabled && (restored || *revision > 0) {
                persist::save(&state.ed.doc, &state.ed.viewport);
                // The fragment no longer describes the document: a reload restores the work.
                forget_share_fragment();
            }
        });
    }
    let uid: AttrValue = (*uid).clone().into();
    // The run dock: it reads the document (a new Rc only when it changed) and paints its
    // snapshots onto the canvas.
    let live = use_state(|| None::<Rc<scaleboard_sim::Snapshot>>);
    let run_doc = {
        let doc = state.ed.doc.clone();
        use_memo(state.ed.revision(), move |_| doc)
    };
    let selected_node = (state.ed.selection.len() == 1)
        .then(|| state.ed.selection.iter().next().cloned())
        .flatten();
    let dock = {
        let live = live.clone();
        let on_snapshot = Callback::from(move |s: Option<Rc<scaleboard_sim::Snapshot>>| live.set(s));
        let on_record = {
            let state = state.clone();
            Callback::from(move |f| state.dispatch(Msg::RecordFault(f)))
        };
        let on_seed = {
            let state = state.clone();
            Callback::from(move |seed| state.dispatch(Msg::SetSeed(seed)))
        };
        html! {
            <RunDock doc={run_doc} selected_node={selected_node} selected_dc={state.ed.selected_dc.clone()}
                     {on_snapshot} {on_record} {on_seed} autoplay={props.autoplay} />
        }
    };
    let live = (*live).clone();
    if props.embed {
        let full = link(&state.ed.doc);
        return html! {
            <div class="workspace embed">
                <div class="canvas-wrap">
                    <Canvas state={state.clone()} node_ref={canvas} {uid} {live} />
                    <Toolbar state={state.clone()} embed=true />
                    <a class="open-full" href={full} target="_blank" rel="noopener">{ "Open in Scaleboard ↗" }</a>
                </div>
                { dock }
            </div>
        };
    }
    html! {
        <>
            <Filebar state={state.clone()} canvas={canvas.clone()} />
            <div class="workspace">
                <Palette state={state.clone()} canvas={canvas.clone()} />
                <div class="canvas-wrap">
                    <Canvas state={state.clone()} node_ref={canvas} {uid} {live} />
                    <Toolbar state={state.clone()} />
                    <BannerView state={state.clone()} />
                </div>
                <Inspector state={state.clone()} />
                <Help state={state.clone()} />
            </div>
            { dock }
        </>
    }
}

/// Drop a `#s=...` fragment from the address bar once the document has moved on from it.
fn forget_share_fragment() {
    let Some(w) = web_sys::window() else { return };
    let hash = w.location().hash().unwrap_or_default();
    if crate::share::payload_of(&hash).is_none() {
        return;
    }
    let url = format!("{}{}", crate::filebar::base_url(), w.location().search().unwrap_or_default());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
