//! An embed's locked controls (`controls=rate,fail:cache`): a compact bar in place of the run
//! dock's control rows, showing only the controls the page chose, in the order it listed them,
//! with the clock always (the reader must see time pass). Each control does exactly what the
//! dock's own button does: the same `toggle`, `reset`, speed state, and faults through the
//! dock's `inject`, built by the same helpers.

use scaleboard_sim::controls::{engaged, Control, Locked};
use scaleboard_sim::{Action, Fault, Scenario};
use yew::prelude::*;

use crate::i18n::Text;
use crate::run::dock::{new_fault, speed_picker, SLOW_FACTOR};
use crate::run::traffic::{spike_fault, RateSlider};

/// What the bar shows and the dock's handles it acts through. A plain function of the dock's
/// state rather than a component of its own: it holds no state, and each component costs
/// shipped bytes.
pub struct Bar<'a> {
    /// The controls the page chose, and the items it could not show.
    pub locked: &'a Locked,
    /// The design, for the names on the buttons.
    pub doc: &'a Scenario,
    pub playing: bool,
    /// Play is enabled (the design can run, or a run is playing and can be paused).
    pub can_play: bool,
    /// Why Play is disabled, if it is.
    pub blocked_why: Option<String>,
    /// The dock's Play/Pause.
    pub on_toggle: &'a Callback<()>,
    /// The dock's Reset.
    pub on_reset: &'a Callback<MouseEvent>,
    /// The dock's speed, an index of `run::dock::SPEEDS`.
    pub speed: &'a UseStateHandle<usize>,
    /// Simulated time [s].
    pub now_s: f64,
    /// The run's faults so far, soonest first: whether a node is failed or a data center out.
    pub marks: &'a [Fault],
    /// The arrival rate in the run now of a users node [requests/s].
    pub rate_of: &'a dyn Fn(&str) -> f64,
    /// The dock's spike: factor and length [s].
    pub spike: (f64, f64),
    /// The dock's injection: applied to the run and recorded, as its buttons do.
    pub on_inject: &'a Callback<Fault>,
}

/// The bar, then the strip of the items it could not show.
pub fn view(props: &Bar, t: &Text) -> Html {
    let controls = &props.locked.controls;
    let clock = html! {
        <span class="clock" data-metric="clock" aria-label={t.sim_time}>{ format!("t = {}", t.secs(props.now_s, 1)) }</span>
    };
    // The clock beside Play, as in the dock; first when there is no Play.
    let play_at = controls.iter().position(|c| *c == Control::Play);
    let items = controls.iter().enumerate().map(|(i, c)| {
        let item = control_view(c, props, t);
        match play_at {
            Some(p) if p == i => html! { <>{ item }{ clock.clone() }</> },
            _ => item,
        }
    });
    html! {
        <>
            <div class="run-controls embed-bar" role="group" aria-label={t.bar_label}>
                if play_at.is_none() { { clock.clone() } }
                { for items }
            </div>
            { super::problems::view(&props.locked.problems, t) }
        </>
    }
}

/// One control, as the dock draws its counterpart.
fn control_view(c: &Control, props: &Bar, t: &Text) -> Html {
    match c {
        Control::Play => html! {
            <button type="button" class="primary" onclick={props.on_toggle.reform(|_| ())}
                    aria-pressed={props.playing.to_string()} disabled={!props.can_play}
                    title={props.blocked_why.clone()}>{ if props.playing { t.pause } else { t.play } }</button>
        },
        Control::Reset => html! {
            <button type="button" onclick={props.on_reset.clone()}>{ t.reset }</button>
        },
        Control::Speed => speed_picker(props.speed, t),
        Control::Rate(id) => {
            let rate = (props.rate_of)(id);
            let label = match users_name(props.doc, id, t) {
                Some(name) => (t.bar_rate_of)(&name),
                None => t.rate.to_string(),
            };
            html! { <RateSlider users={AttrValue::from(id.clone())} label={label} {rate} on_inject={props.on_inject.clone()} /> }
        }
        Control::Spike(id) => {
            let (inject, f) = (props.on_inject.clone(), spike_fault(id, props.spike));
            let label = match users_name(props.doc, id, t) {
                Some(name) => format!("{} · {name}", t.spike),
                None => t.spike.to_string(),
            };
            html! { <button type="button" data-control={format!("spike:{id}")}
            onclick={Callback::from(move |_| inject.emit(f.clone()))}>{ label }</button> }
        }
        Control::Fail(id) | Control::Slow(id) | Control::Outage(id) => {
            toggle_view(c, id, engaged(c, props.marks), props, t)
        }
    }
}

/// A named fault button that, once its fault holds, offers the way back: Fail / Recover,
/// Slow down / Normal speed, Outage / Restore.
fn toggle_view(c: &Control, id: &str, on: bool, props: &Bar, t: &Text) -> Html {
    let (word, action, factor, label) = match (c, on) {
        (Control::Fail(_), false) => ("fail", Action::Fail, None, t.bar_fail),
        (Control::Fail(_), true) => ("fail", Action::Recover, None, t.bar_recover),
        (Control::Slow(_), false) => ("slow", Action::Slow, Some(SLOW_FACTOR), t.bar_slow),
        (Control::Slow(_), true) => ("slow", Action::Slow, Some(1.0), t.bar_unslow),
        (_, false) => ("outage", Action::DcOutage, None, t.bar_outage),
        (_, true) => ("outage", Action::DcRestore, None, t.bar_restore),
    };
    let mut f = new_fault(action);
    f.factor = factor;
    let name = if word == "outage" {
        f.dc = Some(id.to_string());
        props
            .doc
            .data_centers
            .iter()
            .find(|d| d.id == id)
            .map(|d| shown(&d.name, id, t))
    } else {
        f.node = Some(id.to_string());
        props.doc.node(id).map(|n| shown(&n.name, id, t))
    };
    let name = name.unwrap_or_else(|| id.to_string());
    let inject = props.on_inject.clone();
    html! {
        <button type="button" data-control={format!("{word}:{id}")} data-engaged={on.to_string()}
                onclick={Callback::from(move |_| inject.emit(f.clone()))}>{ label(&name) }</button>
    }
}

/// A name as the canvas shows it, or the id when the document gives none.
fn shown(name: &str, id: &str, t: &Text) -> String {
    if name.trim().is_empty() {
        id.to_string()
    } else {
        t.named(name).into_owned()
    }
}

/// The users node's name, when the design has several users nodes (one needs no name).
fn users_name(doc: &Scenario, id: &str, t: &Text) -> Option<String> {
    let users = doc
        .nodes
        .iter()
        .filter(|n| n.kind == scaleboard_sim::Kind::Users);
    if users.count() < 2 {
        return None;
    }
    doc.node(id).map(|n| shown(&n.name, id, t))
}
