//! The traffic controls of the run dock for one users node: its arrival rate (a slider that
//! settles before it applies), ramping to it, its request mix, and a spike of a chosen size and
//! length. Each change is a fault injected into the run and recorded in the document.

use scaleboard_sim::{Action, Fault, Node};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::dock::new_fault;
use super::numbers::fmt_rate;
use crate::i18n::{use_text, Text};

/// Wall time the rate slider must rest before its value is applied and recorded [ms].
const RATE_SETTLE_MS: u32 = 400;
/// How long a ramp takes to reach the new rate [s of simulated time].
const RAMP_S: f64 = 10.0;
/// The spike offered at first: five times the traffic [factor] for ten seconds [s].
pub const DEFAULT_SPIKE: (f64, f64) = (5.0, 10.0);

/// A spike of `factor` times the traffic for `secs` [s] from users node `id`, as the Spike
/// button injects it (and presenter mode's S key).
pub fn spike_fault(id: &str, (factor, secs): (f64, f64)) -> Fault {
    let mut f = new_fault(Action::Spike);
    f.node = Some(id.to_string());
    f.factor = Some(factor);
    f.duration_s = Some(secs);
    f
}

#[derive(Properties, PartialEq)]
pub struct TrafficProps {
    /// The users node the controls act on.
    pub users: Node,
    /// Its arrival rate in the run now [requests/s].
    pub rate: f64,
    /// Inject a fault into the run (and record it).
    pub on_inject: Callback<Fault>,
    /// Say what is wrong with a field, or that nothing is (`None`).
    pub on_problem: Callback<Option<String>>,
    /// The spike's size [factor] and length [s]: the run dock's, so a key can send the same.
    pub spike: UseStateHandle<(f64, f64)>,
}

#[function_component(Traffic)]
pub fn traffic(props: &TrafficProps) -> Html {
    let t = use_text();
    let spike = &props.spike;
    let ramp = use_state(|| false);
    let (u, inject, problem) = (&props.users, &props.on_inject, &props.on_problem);
    let id = u.id.clone();
    let on_spike = {
        let (inject, id, spike) = (inject.clone(), id.clone(), **spike);
        Callback::from(move |_| inject.emit(spike_fault(&id, spike)))
    };
    let on_factor = number_setter(
        spike,
        |s, v| (v, s.1),
        (1.0, 1000.0),
        problem,
        (t.spike_factor_bad)(spike.0),
    );
    let on_secs = number_setter(
        spike,
        |s, v| (s.0, v),
        (1.0, 3600.0),
        problem,
        (t.spike_secs_bad)(spike.1),
    );
    let on_ramp = {
        let ramp = ramp.clone();
        Callback::from(move |_| ramp.set(!*ramp))
    };
    html! {
        <fieldset class="traffic">
            <legend>{ (t.traffic)(&t.named(&u.name)) }</legend>
            <RateSlider users={u.id.clone()} label={t.rate} rate={props.rate} ramp={*ramp} on_inject={inject.clone()} />
            <label class="check"><input type="checkbox" checked={*ramp} onchange={on_ramp} />{ t.ramp }</label>
            <span class="mix" data-metric="mix" title={t.mix_tip}>{ mix_text(u, t) }</span>
            <span class="spike">
                <button type="button" onclick={on_spike}>{ t.spike }</button>
                <label title={t.spike_factor}>{ t.spike_times }<input type="number" min="1" max="1000" step="1" value={spike.0.to_string()} aria-label={t.spike_factor} onchange={on_factor} /></label>
                <label title={t.spike_secs}>{ t.spike_for }{ " " }<input type="number" min="1" max="3600" step="1" value={spike.1.to_string()} aria-label={t.spike_secs} onchange={on_secs} />{ t.secs_unit }</label>
            </span>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct RateSliderProps {
    /// The users node whose arrival rate it sets.
    pub users: AttrValue,
    /// What it is called beside the slider.
    pub label: AttrValue,
    /// Its arrival rate in the run now [requests/s].
    pub rate: f64,
    /// Reach a new rate over `RAMP_S` instead of at once.
    #[prop_or_default]
    pub ramp: bool,
    /// Inject the rate change into the run (and record it).
    pub on_inject: Callback<Fault>,
}

/// The rate slider of a users node, on a log scale of 1 to 1,000,000 requests/s: the traffic
/// controls' and an embed's locked bar's (`embed::bar`), so both change the rate the same way.
#[function_component(RateSlider)]
pub fn rate_slider(props: &RateSliderProps) -> Html {
    let t = use_text();
    // The rate slider settles before it is applied: arrow keys step it 2 % at a time, and each
    // applied change is a fault in the document, so only where it comes to rest is recorded.
    // Until then the thumb's own position [log10 requests/s] is drawn: the dock redraws ten
    // times a second while a run plays, and a redraw with the applied rate would put the thumb
    // back under a pointer that is still dragging it (the drag then ends where it began).
    let pos_draft = use_state(|| None::<f64>);
    let rate_timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let pos = (*pos_draft).unwrap_or(props.rate.log10());
    let rate = rate_at(pos);
    let on_move = {
        let draft = pos_draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(Some(input.value_as_number()));
            }
        })
    };
    let on_rate = {
        let (inject, id, ramp) = (props.on_inject.clone(), props.users.clone(), props.ramp);
        let (draft, timer) = (pos_draft.clone(), rate_timer.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let pos = input.value_as_number();
                let mut f = new_fault(if ramp { Action::Ramp } else { Action::SetRate });
                f.node = Some(id.to_string());
                f.rate_rps = Some(rate_at(pos));
                f.duration_s = ramp.then_some(RAMP_S);
                draft.set(Some(pos));
                let (inject, draft) = (inject.clone(), draft.clone());
                // Replacing the timer cancels the previous one [ms of wall time].
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    RATE_SETTLE_MS,
                    move || {
                        inject.emit(f);
                        draft.set(None);
                    },
                ));
            }
        })
    };
    html! {
        <label class="rate">
            <span>{ props.label.clone() }</span>
            <input type="range" min="0" max="6" step="0.01" value={pos.to_string()}
                   aria-label={t.rate_aria}
                   aria-valuetext={fmt_rate(rate)} oninput={on_move} onchange={on_rate} />
            <output data-metric="rate">{ fmt_rate(rate) }</output>
        </label>
    }
}

/// The arrival rate at slider position `pos` [log10 requests/s]: whole requests/s, at least 1.
fn rate_at(pos: f64) -> f64 {
    10f64.powf(pos).round().max(1.0)
}

/// The request mix of a users node in percent: "20 % static · 70 % read · 10 % write".
fn mix_text(u: &Node, t: &Text) -> String {
    let m = scaleboard_sim::Params::of(u).mix;
    let [s, r, w, j] = t.mix_names;
    let parts = [(m.static_asset, s), (m.read, r), (m.write, w), (m.job, j)];
    let total: f64 = parts.iter().map(|(w, _)| w).sum();
    if total <= 0.0 {
        return String::new();
    }
    parts
        .iter()
        .filter(|(w, _)| *w > 0.0)
        .map(|(w, name)| format!("{:.0} % {name}", w / total * 100.0))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A spike field: a number within `range` is taken; anything else is said, and the field goes
/// back to the value in use (which the message names).
fn number_setter(
    state: &UseStateHandle<(f64, f64)>,
    set: fn((f64, f64), f64) -> (f64, f64),
    range: (f64, f64),
    problem: &Callback<Option<String>>,
    message: String,
) -> Callback<Event> {
    let (state, problem) = (state.clone(), problem.clone());
    Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            let v = input.value_as_number();
            if v.is_finite() && v >= range.0 && v <= range.1 {
                state.set(set(*state, v));
                problem.emit(None);
            } else {
                problem.emit(Some(message.clone()));
            }
        }
    })
}
