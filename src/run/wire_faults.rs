//! Faults on the selected wire, during a run: cut it (a network partition: what is sent is
//! lost, callers learn at their timeout), restore it, or add a delay each way. Injected like
//! a node's faults (`dock.rs`): applied to the run now and recorded in the document's faults,
//! so Reset, replay and a shared link play them again; scrubbed back, added at that moment.
//! A fault that would change nothing (cut a cut wire, restore a plain one, set the delay it
//! already has) is never recorded: its button is disabled with the reason as its title, or
//! the delay typed is refused in the dock's words.

use std::rc::Rc;

use scaleboard_sim::{Action, Fault, Scenario, Snapshot};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::dock::new_fault;
use crate::i18n::{use_text, Text};
use crate::lesson::predict::fmt_count;
use crate::wire_marks::round_ms;
use crate::workshop::challenges::grouped;

/// Delay the field starts with [ms]: a slow cross-region hop, enough to show on the latency.
const DEFAULT_DELAY_MS: f64 = 50.0;
/// The largest delay the model takes [ms] (`validate.rs`, faults' `delay_ms`: one minute).
pub const MAX_DELAY_MS: f64 = 60_000.0;

#[derive(Properties, PartialEq)]
pub struct WireFaultsProps {
    pub doc: Rc<Scenario>,
    /// The wire's calling and receiving ends.
    pub from: AttrValue,
    pub to: AttrValue,
    /// Applies (or schedules) a fault.
    pub on_inject: Callback<Fault>,
    /// Says what is wrong with what was typed (`None` clears it).
    pub on_problem: Callback<Option<String>>,
    /// The run's snapshot shown now (its frames carry every cut or delayed wire); `None`
    /// when nothing runs, and then nothing is refused here.
    #[prop_or_default]
    pub live: Option<Rc<Snapshot>>,
}

/// The wire `from -> to` in the run shown: (cut, added delay [ms]); `None` when nothing runs.
/// Absent from the snapshot, it is plain: frames leave out wires neither cut nor delayed.
fn wire_now(live: Option<&Snapshot>, from: &str, to: &str) -> Option<(bool, f64)> {
    live.map(|s| {
        s.wires
            .iter()
            .find(|w| w.from == from && w.to == to)
            .map_or((false, 0.0), |w| (w.cut, w.added_ms))
    })
}

/// The delay typed, checked in the dock's words: a number of ms within the model's range,
/// and not the delay the wire has now (`added_ms`, when a run is shown).
pub fn check_delay(typed: &str, added_ms: Option<f64>, t: &Text) -> Result<f64, String> {
    let typed = typed.trim();
    let ms = match typed.parse::<f64>() {
        Ok(ms) if ms.is_finite() => ms,
        _ => return Err((t.wire_delay_not_number)(typed)),
    };
    if !(0.0..=MAX_DELAY_MS).contains(&ms) {
        // Said back as typed, grouped: "999,999", "-100", "70,000.5".
        let decimals = typed.split_once('.').map_or(0, |(_, f)| f.len());
        return Err((t.wire_delay_range)(
            &fmt_count(MAX_DELAY_MS),
            &grouped(ms, decimals),
        ));
    }
    match added_ms {
        Some(now) if now == ms && ms == 0.0 => Err(t.wire_delay_none.to_string()),
        Some(now) if now == ms => Err((t.wire_delay_same)(&format!("{} ms", round_ms(ms)))),
        _ => Ok(ms),
    }
}

/// A fault of `action` on the wire `from -> to`.
pub fn wire_fault(action: Action, from: &str, to: &str, delay_ms: Option<f64>) -> Fault {
    let mut f = new_fault(action);
    f.from = Some(from.to_string());
    f.to = Some(to.to_string());
    f.delay_ms = delay_ms;
    f
}

#[function_component(WireFaults)]
pub fn wire_faults(p: &WireFaultsProps) -> Html {
    let t = use_text();
    let delay = use_state(|| DEFAULT_DELAY_MS.to_string());
    let now = wire_now(p.live.as_deref(), &p.from, &p.to);
    let send = |action: Action| {
        let (on_inject, on_problem, from, to, delay) = (
            p.on_inject.clone(),
            p.on_problem.clone(),
            p.from.clone(),
            p.to.clone(),
            delay.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let ms = match action {
                Action::Latency => match check_delay(&delay, now.map(|(_, ms)| ms), t) {
                    Ok(ms) => Some(ms),
                    Err(why) => {
                        on_problem.emit(Some(why));
                        return;
                    }
                },
                _ => None,
            };
            on_problem.emit(None);
            on_inject.emit(wire_fault(action, &from, &to, ms));
        })
    };
    let oninput = {
        let delay = delay.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            delay.set(input.value());
        })
    };
    let name = |id: &str| {
        p.doc
            .node(id)
            .map(|n| t.named(&n.name).into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let wire = format!("{} → {}", name(&p.from), name(&p.to));
    let input_id = format!("wire-delay-{}-{}", p.from, p.to);
    // Disabled with the reason as the title: a no-op would still be recorded in the faults.
    let cut_refused = now
        .is_some_and(|(cut, _)| cut)
        .then_some(t.wire_already_cut);
    let restore_refused = now
        .is_some_and(|(cut, ms)| !cut && ms <= 0.0)
        .then_some(t.wire_nothing_to_restore);
    html! {
        <fieldset class="faults wire-faults">
            <legend>{ (t.inject)(&wire) }</legend>
            <button type="button" onclick={send(Action::Cut)} disabled={cut_refused.is_some()}
                    title={cut_refused}>{ t.wire_cut }</button>
            <button type="button" onclick={send(Action::Restore)} disabled={restore_refused.is_some()}
                    title={restore_refused}>{ t.wire_restore }</button>
            <span class="delay">
                <label for={input_id.clone()}>{ t.wire_delay }</label>
                <input id={input_id} type="text" inputmode="decimal" name="wire-delay" size="4"
                       value={(*delay).clone()} {oninput} />
                <span class="unit">{ "ms" }</span>
            </span>
            <button type="button" onclick={send(Action::Latency)}>{ t.wire_add_delay }</button>
        </fieldset>
    }
}
