//! The inspector's panel for a selected wire: its latency, and on a wire leaving a web server
//! the defences of its calls (timeout, retries with backoff and jitter, a retry budget) and a
//! circuit breaker. Each field is edited like a node's (`inspector::ParamField`): checked on a
//! scratch copy by the model as it is typed, committed as one `SetWireField` undo step.

use scaleboard_sim::Kind::{self, WebServer};
use serde_json::Value;
use yew::prelude::*;

use crate::field_json::{current, shown};
use crate::fields::{f, Field, Ty};
use crate::i18n::{self, Lang};
use crate::inspector::{params_form, Target};
use crate::state::State;

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

/// The panel for the wire `from -> to`.
pub fn wire_panel(from: &str, to: &str, state: &UseReducerHandle<State>, lang: Lang) -> Html {
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
            { params_form(html! {}, &target, fields, state) }
            if !defended {
                <p class="hint">{ t.wire_defences_where }</p>
            }
        </>
    }
}
