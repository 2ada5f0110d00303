//! The trace panel: a non-modal dialog over the run dock (the canvas above stays in view, its
//! path lit) holding the waterfall, or what it waits for, or why there is no trace. Escape or
//! its close button closes it, wherever the focus is.

use std::rc::Rc;

use gloo::events::EventListener;
use scaleboard_sim::Scenario;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::waterfall::Waterfall;
use super::Answer;
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct TracePanelProps {
    pub answer: Answer,
    pub doc: Rc<Scenario>,
    /// The run plays: a request asked for with "Trace a request" is on its way.
    pub playing: bool,
    pub on_close: Callback<()>,
}

#[function_component(TracePanel)]
pub fn trace_panel(props: &TracePanelProps) -> Html {
    let t = i18n::text(i18n::use_lang());
    let panel = use_node_ref();
    // Escape closes it from anywhere on the page (the canvas keeps the focus after a click).
    {
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                if e.dyn_ref::<KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape")
                {
                    on_close.emit(());
                }
            });
            move || drop(listener)
        });
    }
    // Opened by a button or a chart click: the keyboard goes to the panel, to read its rows,
    // and back to where it was (the button) when the panel closes.
    {
        let panel = panel.clone();
        use_effect_with((), move |_| {
            let before = gloo::utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(el) = panel.cast::<HtmlElement>() {
                let _ = el.focus();
            }
            move || {
                if let Some(el) = before {
                    let _ = el.focus();
                }
            }
        });
    }
    let body = match &props.answer {
        Answer::Waiting { next: true } if !props.playing => {
            html! { <p class="notice" role="status">{ t.tr_waiting_paused }</p> }
        }
        Answer::Waiting { next: true } => {
            html! { <p class="notice" role="status">{ t.tr_waiting_next }</p> }
        }
        Answer::Waiting { next: false } => {
            html! { <p class="notice" role="status">{ t.tr_waiting_slowest }</p> }
        }
        Answer::Note(note) => html! {
            <p class="notice" role="status" data-notice="no-trace">{ t.tr_no_trace }{ " " }{ note.clone() }</p>
        },
        Answer::Shown(trace) => {
            html! { <Waterfall trace={trace.clone()} doc={props.doc.clone()} /> }
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="trace-panel" role="dialog" aria-modal="false" aria-labelledby="trace-title"
                 tabindex="-1" ref={panel}>
            <header>
                <h2 id="trace-title">{ t.tr_title }</h2>
                <button type="button" class="close" onclick={close} title={t.tr_close}>{ t.tr_close }</button>
            </header>
            { body }
        </section>
    }
}
