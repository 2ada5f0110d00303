//! The inspector's panel for a selected wire: its latency, and on a wire leaving a web server
//! the defences of its calls (timeout, retries with backoff and jitter, a retry budget) and a
//! circuit breaker. Each field is edited like a node's (`inspector::ParamField`): checked on a
//! scratch copy by the model as it is typed, committed as one `SetWireField` undo step. During
//! a run, "This run" says what its calls did: how many, retried, failed, failed fast by its
//! breaker, refused a retry by its budget, and the breaker's state, cut or delay now.

use scaleboard_sim::Kind::{self, WebServer};
use scaleboard_sim::{BreakerState, Snapshot, Wire, WireSnapshot};
use serde_json::Value;
use yew::prelude::*;

use crate::field_json::{current, shown};
use crate::fields::{f, Field, Ty};
use crate::i18n::{self, Lang};
use crate::inspector::{params_form, Target};
use crate::lesson::predict::{fmt_count, fmt_pct};
use crate::run::numbers::fmt_rate;
use crate::state::State;
use crate::wire_marks::round_ms;

/// Kinds whose outgoing wires take a call policy and a breaker: the callers that wait.
const CALLERS: &[Kind] = &[WebServer];

/// Every editable field of a wire, in panel order; `kinds` are those of its calling end.
pub const WIRE_FIELDS: &[Field] = &[
    f(
        "latency_ms",
        "Latency, one way",
        "ms",
        Ty::OptNum,
        Kind::ALL,
    ),
    // Ticked, a policy starts as 500 ms timeout and 2 retries 10 ms apart (full jitter).
    f(
        "on:policy",
        "Call policy",
        "",
        Ty::Group(r#"{"timeout_ms":500,"retries":2,"backoff_ms":10}"#),
        CALLERS,
    ),
    f("policy.timeout_ms", "Timeout", "ms", Ty::Num, CALLERS).within("policy"),
    f("policy.retries", "Retries", "", Ty::Int, CALLERS).within("policy"),
    f("policy.backoff_ms", "Backoff", "ms", Ty::Num, CALLERS).within("policy"),
    f(
        "policy.jitter",
        "Jitter",
        "",
        Ty::Choice(&["full", "none"]),
        CALLERS,
    )
    .within("policy"),
    f(
        "policy.budget",
        "Retry budget",
        "% of calls",
        Ty::OptNum,
        CALLERS,
    )
    .pct()
    .within("policy"),
    // Ticked, a breaker opens after 5 failed calls in its window.
    f(
        "on:breaker",
        "Circuit breaker",
        "",
        Ty::Group(r#"{"failures":5}"#),
        CALLERS,
    ),
    f(
        "breaker.trip",
        "Opens on",
        "",
        Ty::Choice(&["failure_count", "failure_ratio"]),
        CALLERS,
    )
    .within("breaker"),
    f(
        "breaker.failures",
        "Failed calls",
        "calls",
        Ty::Int,
        CALLERS,
    )
    .within("breaker.failures"),
    f(
        "breaker.failure_ratio",
        "Failed share",
        "%",
        Ty::Num,
        CALLERS,
    )
    .pct()
    .within("breaker.failure_ratio"),
    f(
        "breaker.min_calls",
        "Of at least",
        "calls",
        Ty::Int,
        CALLERS,
    )
    .within("breaker.failure_ratio"),
    f("breaker.window_s", "Within", "s", Ty::Num, CALLERS).within("breaker"),
    f("breaker.open_s", "Stays open", "s", Ty::Num, CALLERS).within("breaker"),
    f("breaker.probes", "Trial calls", "calls", Ty::Int, CALLERS).within("breaker"),
];

/// The fields shown for a wire whose calling end is `from` (its JSON `obj`).
pub fn fields_for(from: Kind, obj: &Value) -> impl Iterator<Item = &'static Field> + '_ {
    WIRE_FIELDS
        .iter()
        .filter(move |f| f.kinds.contains(&from) && shown(obj, f))
}

/// What the run did on wire `w` so far, as (key, words), in the order said: its calls and
/// what became of them (counted only on a wire with a call policy or a breaker), its
/// breaker's state, its cut and its added delay. `live` is its snapshot in the run, `None`
/// when the run's frame left it out (plain now: not cut, no delay, not called over).
pub fn run_facts(
    w: &Wire,
    live: Option<&WireSnapshot>,
    t: &i18n::Text,
) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    let counted = w.policy.is_some() || w.breaker.is_some() || live.is_some_and(|l| l.calls > 0);
    match live.filter(|l| l.calls > 0) {
        Some(l) if counted => {
            let calls = l.calls as f64;
            facts.push((
                "calls",
                (t.wire_run_calls)(&fmt_count(calls), &fmt_rate(l.calls_rps_window)),
            ));
            if w.policy.is_some_and(|p| p.retries > 0) || l.retries > 0 {
                let pct = fmt_pct(l.retries as f64 / calls * 100.0);
                facts.push((
                    "retries",
                    (t.wire_run_retries)(&fmt_count(l.retries as f64), &pct),
                ));
            }
            facts.push(("failed", (t.wire_run_failed)(&fmt_count(l.failed as f64))));
            if l.breaker.is_some() || l.fast_failed > 0 {
                let n = fmt_count(l.fast_failed as f64);
                facts.push(("fast-failed", (t.wire_run_fast_failed)(&n)));
            }
            if w.policy.is_some_and(|p| p.budget.is_some()) || l.budget_denied > 0 {
                let n = fmt_count(l.budget_denied as f64);
                facts.push(("budget-denied", (t.wire_run_budget_denied)(&n)));
            }
        }
        _ if counted => facts.push(("calls", t.wire_run_no_calls.to_string())),
        _ => {}
    }
    let Some(l) = live else { return facts };
    if let Some(b) = l.breaker {
        let state = match b {
            BreakerState::Closed => t.breaker_states[0],
            BreakerState::Open => t.breaker_states[1],
            BreakerState::HalfOpen => t.breaker_states[2],
        };
        facts.push(("breaker", (t.wire_run_breaker)(state)));
    }
    if l.cut {
        facts.push(("cut", t.wire_run_cut.to_string()));
    }
    if l.added_ms.is_finite() && l.added_ms > 0.0 {
        let ms = format!("+{} ms", round_ms(l.added_ms));
        facts.push(("delay", (t.wire_run_delay)(&ms)));
    }
    facts
}

/// "This run": `run_facts` said in one line, each fact marked for tests (`data-fact`);
/// nothing for a plain wire the run does nothing special on.
fn run_block(w: &Wire, snap: &Snapshot, t: &i18n::Text) -> Html {
    let live = snap.wires.iter().find(|l| l.from == w.from && l.to == w.to);
    let facts = run_facts(w, live, t);
    if facts.is_empty() {
        return html! {};
    }
    let last = facts.len() - 1;
    html! {
        <section class="wire-run" aria-label={t.wire_run_title}>
            <h3>{ t.wire_run_title }</h3>
            <p>{ for facts.into_iter().enumerate().map(|(i, (key, words))| html! {
                <><span data-fact={key}>{ words }</span>{ if i < last { " · " } else { "" } }</>
            }) }</p>
        </section>
    }
}

/// The panel for the wire `from -> to`; `live` is the run's latest snapshot, if one runs.
pub fn wire_panel(
    from: &str,
    to: &str,
    state: &UseReducerHandle<State>,
    live: Option<&Snapshot>,
    lang: Lang,
) -> Html {
    let t = i18n::text(lang);
    let doc = &state.ed.doc;
    let name = |id: &str| {
        doc.node(id)
            .map(|n| t.named(&n.name).into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let head = html! {
        <>
            <h2>{ t.connection }</h2>
            <p class="hint">{ (t.wire_hint)(&name(from), &name(to)) }</p>
        </>
    };
    let (Some(w), Some(caller)) = (
        doc.wires.iter().find(|w| w.from == from && w.to == to),
        doc.node(from),
    ) else {
        return head;
    };
    let obj = serde_json::to_value(w).unwrap_or(Value::Null);
    let defended = CALLERS.contains(&caller.kind);
    let target = Target::Wire(w.clone());
    let fields = fields_for(caller.kind, &obj)
        .map(|f| {
            let empty = (f.key == "latency_ms").then_some(AttrValue::from(t.network_default));
            (*f, current(&obj, f), empty)
        })
        .collect();
    html! {
        <>
            { head }
            { for live.map(|snap| run_block(w, snap, t)) }
            { params_form(html! {}, &target, fields, state) }
            if !defended {
                <p class="hint">{ t.wire_defences_where }</p>
            }
        </>
    }
}
