//! Asking the engine for traces from the run dock: the two buttons, the chart's click, the
//! answer matched to the question, and the path handed to the canvas. The dock forwards the
//! engine's `Event::Trace` here and draws `Tracing::panel`.

use std::cell::RefCell;
use std::rc::Rc;

use scaleboard_sim::remote::TraceAsk;
use scaleboard_sim::trace::Trace;
use scaleboard_sim::Scenario;
use yew::prelude::*;

use super::panel::TracePanel;
use super::path::Lit;
use super::Answer;
use crate::i18n::Text;
use crate::run::engine::Engine;

/// The dock's trace state: what the panel shows, and the question it waits on.
#[derive(Clone)]
pub struct Tracing {
    answer: UseStateHandle<Option<Answer>>,
    /// The question last asked: an answer to an older one (closed since, or asked over) is
    /// dropped.
    asked: Rc<RefCell<Option<TraceAsk>>>,
    engine: Engine,
    on_lit: Callback<Option<Rc<Lit>>>,
}

/// The trace state of a run dock driving `engine`; `on_lit` lights a path on the canvas (and
/// is told `None` when the panel closes, or the dock goes).
#[hook]
pub fn use_tracing(engine: &Engine, on_lit: Callback<Option<Rc<Lit>>>) -> Tracing {
    let answer = use_state(|| None::<Answer>);
    let asked = use_mut_ref(|| None::<TraceAsk>);
    {
        let on_lit = on_lit.clone();
        use_effect_with((), move |_| move || on_lit.emit(None));
    }
    Tracing {
        answer,
        asked,
        engine: engine.clone(),
        on_lit,
    }
}

impl Tracing {
    /// Asks the engine and opens the panel on what it waits for.
    pub fn ask(&self, ask: TraceAsk) {
        let next = matches!(ask, TraceAsk::Next);
        // Set before sending: on the page the engine answers at once, inside `trace`.
        *self.asked.borrow_mut() = Some(ask);
        self.answer.set(Some(Answer::Waiting { next }));
        self.on_lit.emit(None);
        self.engine.trace(ask);
    }

    /// The engine's answer to `ask`: shown if it is the question the panel waits on.
    pub fn heard(&self, ask: &TraceAsk, trace: Option<Rc<Trace>>, note: Option<String>) {
        if self.asked.borrow().as_ref() != Some(ask) {
            return;
        }
        *self.asked.borrow_mut() = None;
        match trace {
            Some(trace) => {
                self.on_lit.emit(Some(Rc::new(Lit::of(&trace))));
                self.answer.set(Some(Answer::Shown(trace)));
            }
            None => self
                .answer
                .set(Some(Answer::Note(note.unwrap_or_default()))),
        }
    }

    pub fn close(&self) {
        *self.asked.borrow_mut() = None;
        self.answer.set(None);
        self.on_lit.emit(None);
    }

    /// The panel, while open.
    pub fn panel(&self, doc: &Rc<Scenario>, playing: bool) -> Html {
        let Some(answer) = (*self.answer).clone() else {
            return html! {};
        };
        let this = self.clone();
        let on_close = Callback::from(move |_| this.close());
        html! { <TracePanel {answer} doc={doc.clone()} {playing} {on_close} /> }
    }

    /// The dock's two buttons, each disabled with its reason when it cannot be answered:
    /// "Trace a request" needs the run playing, "Slowest of the last window" a closed window.
    pub fn buttons(&self, playing: bool, has_window: bool, t: &Text) -> Html {
        let ask = |a: TraceAsk| {
            let this = self.clone();
            Callback::from(move |_: MouseEvent| this.ask(a))
        };
        let next_tip = if playing {
            t.tr_next_tip
        } else {
            t.tr_need_play
        };
        let slowest_tip = if has_window {
            t.tr_slowest_tip
        } else {
            t.tr_need_window
        };
        html! {
            <span class="trace-asks">
                <button type="button" data-trace="next" disabled={!playing} title={next_tip}
                        onclick={ask(TraceAsk::Next)}>{ t.tr_next }</button>
                <button type="button" data-trace="slowest" disabled={!has_window} title={slowest_tip}
                        onclick={ask(TraceAsk::Slowest { window_end_ms: None })}>{ t.tr_slowest }</button>
            </span>
        }
    }
}
