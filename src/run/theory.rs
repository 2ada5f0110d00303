//! "Theory vs this run" in the inspector: for the selected serving node, what queueing theory
//! predicts from its measured arrival rate, workers and service time, beside what the run
//! measured (the model's `theory::predict`). Shown while a run has data for the node.

use std::rc::Rc;

use scaleboard_sim::theory::{predict_with, Model};
use scaleboard_sim::{Kind, Snapshot};
use yew::prelude::*;

use crate::glossary::term;
use crate::i18n;
use crate::lesson::predict::fmt_count;
use crate::run::numbers::fmt_ms;

#[derive(Properties, PartialEq)]
pub struct TheoryProps {
    /// The selected node.
    pub id: AttrValue,
    /// Its input is Poisson by construction (`theory::poisson_input` on the design).
    pub poisson: bool,
    /// A users node follows a daily cycle (`theory::daily_cycle` on the design).
    #[prop_or_default]
    pub daily: bool,
    pub snapshot: Rc<Snapshot>,
}

#[function_component(TheoryBlock)]
pub fn theory_block(p: &TheoryProps) -> Html {
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    // Users and autoscalers neither queue nor route: nothing to compare.
    let Some(n) = p
        .snapshot
        .nodes
        .iter()
        .find(|n| *n.id == *p.id && !matches!(n.kind, Kind::Users | Kind::Autoscaler))
    else {
        return html! {};
    };
    let pr = predict_with(n, p.poisson, p.daily);
    let m = &pr.measured;
    // "0 ms" rather than a dash: no wait at all is a figure, not a missing one.
    let ms = |v: Option<f64>| match v {
        Some(0.0) => "0 ms".to_string(),
        Some(x) => fmt_ms(x, t),
        None => "–".to_string(),
    };
    let pct = |v: Option<f64>| v.map_or("–".to_string(), |x| format!("{:.1} %", x * 100.0));
    let rows = [
        (
            "util",
            term(t.theory_util, "utilisation", lang),
            pct(Some(pr.utilisation)),
            pct(Some(m.utilisation)),
        ),
        (
            "p-wait",
            term(t.theory_p_wait, "probability-of-waiting", lang),
            pct(pr.p_wait),
            pct(m.p_wait),
        ),
        (
            "wait",
            html! { t.theory_wait },
            ms(pr.mean_wait_ms),
            ms(m.mean_wait_ms),
        ),
        (
            "p99",
            term(t.theory_p99, "percentiles", lang),
            ms(pr.p99_ms),
            ms(m.p99_ms),
        ),
    ];
    let model = match pr.model.term() {
        Some(id) => term(pr.model.name(lang), id, lang),
        None => html! { pr.model.name(lang) },
    };
    let input = match (pr.model, pr.ca2) {
        (Model::ErlangC, _) => Some(t.theory_poisson.to_string()),
        (Model::AllenCunneen, Some(x)) => Some((t.theory_ca2)(x)),
        _ => None,
    };
    html! {
        <section class="theory" data-theory={n.id.clone()} data-model={format!("{:?}", pr.model)}>
            <h3>{ t.theory_title }</h3>
            <p class="hint">{ model }</p>
            { for input.map(|s| html! { <p class="hint small">{ s }</p> }) }
            // A node that only routes gets its note alone: there are no figures to set side by side.
            if n.queueing.is_some() {
                <table>
                    <thead>
                        <tr><th></th><th scope="col">{ t.theory_predicted }</th><th scope="col">{ t.theory_measured }</th></tr>
                    </thead>
                    <tbody>
                        { for rows.into_iter().map(|(key, label, pred, meas)| html! {
                            <tr data-row={key}>
                                <th scope="row">{ label }</th>
                                <td data-predicted="">{ pred }</td>
                                <td data-measured="">{ meas }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            if pr.model == Model::AllenCunneen {
                <p class="hint small">{ (t.theory_p99_how)(pr.model.p99_method(lang)) }</p>
            }
            { for pr.note.map(|x| html! { <p class="hint note" data-note="">{ x.text(lang) }</p> }) }
            // The defences at work: what a learner looks for on a rate-limited or shedding node.
            if n.throttled > 0 {
                <p class="hint" data-throttled={n.throttled.to_string()}>
                    { (t.theory_throttled)(&fmt_count(n.throttled as f64)) }
                </p>
            }
            if n.shed > 0 {
                <p class="hint" data-shed={n.shed.to_string()}>{ (t.theory_shed)(&fmt_count(n.shed as f64)) }</p>
            }
        </section>
    }
}
