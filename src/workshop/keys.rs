//! Presenter mode's glue to the page: the full screen (Fullscreen API, with the window filled by
//! CSS whether the browser grants it or not), the `data-presenting` attribute the layout follows, the
//! view fitted to the bigger canvas, and the presenter's keys handed from the page's one
//! keydown listener (`workspace.rs`) to whatever acts on them now.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use scaleboard_sim::edit::{Mods, Viewport};
use scaleboard_sim::present::{presenter_key, PresenterKey};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::prelude::*;

use crate::run::remote::Remote;
use crate::state::{Msg, State};

/// The attribute on `<html>` while presenting; static/style.css lays the page out by it.
pub const PRESENTING_ATTR: &str = "data-presenting";

/// Where the page's keydown listener (made once) finds what the presenter keys do now: made
/// again on every render of the page, so they act on the step, selection and run shown.
#[derive(Clone, Default)]
pub struct PresenterKeys {
    now: Rc<RefCell<(bool, Callback<PresenterKey>)>>,
}

impl PartialEq for PresenterKeys {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.now, &other.now)
    }
}

impl PresenterKeys {
    /// What the keys do from now on, and whether presenter mode is on.
    pub fn set(&self, presenting: bool, on_key: Callback<PresenterKey>) {
        *self.now.borrow_mut() = (presenting, on_key);
    }

    /// Acts on a key press if it is a presenter key (`KeyboardEvent.key`); says whether it was.
    pub fn handle(&self, key: &str, mods: Mods) -> bool {
        // Taken out of the cell first: acting re-renders the page, which sets it again.
        let (presenting, on_key) = {
            let now = self.now.borrow();
            (now.0, now.1.clone())
        };
        match presenter_key(key, mods, presenting) {
            Some(k) => {
                on_key.emit(k);
                true
            }
            None => false,
        }
    }
}

/// Asks for the whole page to fill the screen. Must run inside the key press or click that asks
/// for it (browsers want a user gesture). A refusal (an embedding frame, a browser setting,
/// a headless test) is fine: CSS fills the window anyway, so nothing is said about it.
pub fn enter_full_screen() {
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    settle(call(&root, "requestFullscreen"));
}

/// Leaves the full screen, if the page holds it.
pub fn exit_full_screen() {
    let doc = gloo::utils::document();
    if doc.fullscreen_element().is_some() {
        settle(call(&doc, "exitFullscreen"));
    }
}

/// Calls `obj.name()` if the browser has it, returning what it returned.
fn call(obj: &JsValue, name: &str) -> Option<JsValue> {
    let f = js_sys::Reflect::get(obj, &JsValue::from_str(name)).ok()?;
    f.dyn_ref::<js_sys::Function>()?.call0(obj).ok()
}

/// Waits for a promise the Fullscreen API returned, so a refusal is handled here rather than
/// logged by the browser as an unhandled rejection.
fn settle(result: Option<JsValue>) {
    if let Some(promise) = result.and_then(|r| r.dyn_into::<js_sys::Promise>().ok()) {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Fits the diagram into the canvas as it is now laid out [px].
fn fit(state: &UseReducerHandle<State>, canvas: &NodeRef) {
    if let Some(el) = canvas.cast::<Element>() {
        let (w, h) = crate::dom::size(&el);
        state.dispatch(Msg::ViewSize(w, h, true));
    }
}

/// Presenter mode on the page while `presenting`: the attribute on `<html>`, the diagram fitted to
/// the full-screen canvas (again whenever the window changes size, as it does once the browser
/// grants the full screen), and on leaving the view as it was (or the diagram fitted, if another
/// step was opened meanwhile). Leaving the full screen by the browser's own means (its Escape,
/// its button) leaves presenter mode too.
#[hook]
pub fn use_presenter(
    presenting: &UseStateHandle<bool>,
    state: &UseReducerHandle<State>,
    canvas: &NodeRef,
) {
    // The view before presenting, and the document it was of (`State::generation`).
    let before = use_mut_ref(|| None::<(u32, Viewport)>);
    {
        let (state, canvas) = (state.clone(), canvas.clone());
        use_effect_with(**presenting, move |on| {
            let root = gloo::utils::document().document_element();
            let on = *on;
            if let Some(root) = &root {
                let _ = if on {
                    root.set_attribute(PRESENTING_ATTR, "")
                } else {
                    root.remove_attribute(PRESENTING_ATTR)
                };
            }
            let resize = if on {
                *before.borrow_mut() = Some((state.generation, state.ed.viewport));
                fit(&state, &canvas);
                let (state, canvas) = (state.clone(), canvas.clone());
                web_sys::window()
                    .map(|w| EventListener::new(&w, "resize", move |_| fit(&state, &canvas)))
            } else {
                if let Some((generation, v)) = before.borrow_mut().take() {
                    // The same document gets its view back; another step opened meanwhile is
                    // fitted to the smaller canvas.
                    let same = generation == state.generation;
                    if let Some(el) = canvas.cast::<Element>() {
                        let (w, h) = crate::dom::size(&el);
                        state.dispatch(Msg::ViewSize(w, h, !same));
                    }
                    if same {
                        state.dispatch(Msg::SetViewport(v));
                    }
                }
                None
            };
            move || {
                drop(resize);
                // Unmounted while presenting (another page): the layout goes back to normal.
                if let (true, Some(root)) = (on, root) {
                    let _ = root.remove_attribute(PRESENTING_ATTR);
                }
            }
        });
    }
    {
        let set = presenting.setter();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let watch = EventListener::new(&doc, "fullscreenchange", move |_| {
                if gloo::utils::document().fullscreen_element().is_none() {
                    set.set(false);
                }
            });
            move || drop(watch)
        });
    }
}

/// The journey step before (`forward` false) or after `lesson`, as its Previous and Next
/// buttons open it; `None` at either end or off the journey.
pub fn neighbour_step(lesson: Option<&str>, forward: bool) -> Option<String> {
    let j = crate::lesson::the_journey()?;
    let all = crate::lesson::steps(&j);
    let pos = all
        .iter()
        .position(|l| Some(l.scenario.as_str()) == lesson)?;
    let other = if forward {
        pos.checked_add(1)?
    } else {
        pos.checked_sub(1)?
    };
    all.get(other).map(|l| l.scenario.clone())
}

/// The drill the lesson of `lesson` offers now, as its "Run the drill" button sends it: the
/// scaled-up design's once it is open (`scaled`), else the step's own; `None` when there is
/// none or it is already scheduled in `faults` (the button is disabled then).
pub fn drill_for(
    lesson: Option<&str>,
    scaled: bool,
    faults: &[scaleboard_sim::Fault],
) -> Option<Vec<scaleboard_sim::Fault>> {
    let (drill, _) = crate::lesson::offered_drill(lesson?, scaled)?;
    (!crate::lesson::scheduled(&drill, faults)).then_some(drill)
}

/// A presenter key's request to the run dock: the document it was made on
/// (`State::generation`), then a fresh number per press and the request.
pub type RemoteRequest = (u32, Rc<(u32, Remote)>);

/// What the presenter's keys act through: the page's own state and the callbacks its buttons use.
pub struct Paths {
    pub presenting: UseStateHandle<bool>,
    /// Requests to the run dock (Space, S, F, R).
    pub remote: UseStateHandle<Option<RemoteRequest>>,
    /// The document open now (`State::generation`).
    pub generation: u32,
    /// The lesson's "Run the drill" callback.
    pub on_drill: Callback<Vec<scaleboard_sim::Fault>>,
    /// What the lesson's Previous and Next buttons call: open a journey step by name.
    pub open_step: Callback<String>,
    /// The journey step open, if the document is one.
    pub lesson: Option<String>,
    /// The scale-up step shows its scaled-up design.
    pub scaled: bool,
    /// The document's scheduled faults (a drill already there is not sent again).
    pub faults: Vec<scaleboard_sim::Fault>,
}

/// What each presenter key does, through the same paths as the buttons it stands for.
pub fn on_key(p: Paths) -> Callback<PresenterKey> {
    Callback::from(move |k: PresenterKey| {
        let send = |r: Remote| {
            let n = p.remote.as_ref().map_or(1, |x| x.1 .0 + 1);
            p.remote.set(Some((p.generation, Rc::new((n, r)))));
        };
        let leave = || {
            exit_full_screen();
            p.presenting.set(false);
        };
        match k {
            PresenterKey::Toggle if *p.presenting => leave(),
            PresenterKey::Toggle => {
                // Inside the key press or click: browsers grant the full screen only then.
                enter_full_screen();
                p.presenting.set(true);
            }
            PresenterKey::Leave => leave(),
            PresenterKey::PlayPause => send(Remote::PlayPause),
            PresenterKey::Spike => send(Remote::Spike),
            PresenterKey::Fail => send(Remote::Fail),
            PresenterKey::Recover => send(Remote::Recover),
            PresenterKey::Previous | PresenterKey::Next => {
                let forward = k == PresenterKey::Next;
                if let Some(name) = neighbour_step(p.lesson.as_deref(), forward) {
                    p.open_step.emit(name);
                }
            }
            // The caption's own "Run the drill" button, so that D asks the lesson's prediction
            // first, in front of the room, exactly as a click does; its callback is the lesson's.
            PresenterKey::Drill => {
                if let Some(faults) = drill_for(p.lesson.as_deref(), p.scaled, &p.faults) {
                    match caption_drill_button() {
                        Some(b) => b.click(),
                        None => p.on_drill.emit(faults),
                    }
                }
            }
        }
    })
}

/// The presenter caption's "Run the drill" button, while it can be pressed.
fn caption_drill_button() -> Option<web_sys::HtmlElement> {
    gloo::utils::document()
        .query_selector(".presenter-caption button.drill:not([disabled])")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}
