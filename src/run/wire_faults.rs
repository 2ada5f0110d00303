//! Faults on the selected wire, during a run: cut it (a network partition: what is sent is
//! lost, callers learn at their timeout), restore it, or add a delay each way. Injected like
//! a node's faults (`dock.rs`): applied to the run now and recorded in the document's faults,
//! so Reset, replay and a shared link play them again; scrubbed back, added at that moment.

use scaleboard_sim::{Action, Fault, Scenario};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::dock::new_fault;
use crate::i18n::use_text;

/// Delay the field starts with [ms]: a slow cross-region hop, enough to show on the latency.
const DEFAULT_DELAY_MS: f64 = 50.0;

#[derive(Properties, PartialEq)]
pub struct WireFaultsProps {
    pub doc: std::rc::Rc<Scenario>,
    /// The wire's calling and receiving ends.
    pub from: AttrValue,
    pub to: AttrValue,
    /// Applies (or schedules) a fault.
    pub on_inject: Callback<Fault>,
    /// Says what is wrong with what was typed (`None` clears it).
    pub on_problem: Callback<Option<String>>,
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
                Action::Latency => match delay.trim().parse::<f64>() {
                    Ok(ms) if ms.is_finite() && ms >= 0.0 => Some(ms),
                    _ => {
                        on_problem.emit(Some(format!("{}: {}", t.wire_delay, t.need_number)));
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
    html! {
        <fieldset class="faults wire-faults">
            <legend>{ (t.inject)(&wire) }</legend>
            <button type="button" onclick={send(Action::Cut)}>{ t.wire_cut }</button>
            <button type="button" onclick={send(Action::Restore)}>{ t.wire_restore }</button>
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
