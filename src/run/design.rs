//! The design's price and ceiling beside the live numbers: what it costs a month and how much
//! traffic it can carry before its bottleneck saturates (from `scaleboard_sim::cost`). Scale
//! up and scale out are compared by exactly these two figures plus the measured p99.

use scaleboard_sim::cost::{estimate, same_estimate, Estimate};
use scaleboard_sim::Scenario;
use yew::prelude::*;

use super::numbers::fmt_rate;
use crate::i18n::use_text;

/// "$1,234": whole dollars with thousands separators.
pub fn fmt_usd(usd: f64) -> String {
    let whole = usd.round().max(0.0) as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("${out}")
}

#[derive(Properties, PartialEq)]
pub struct DesignProps {
    pub scenario: std::rc::Rc<Scenario>,
}

#[function_component(Design)]
pub fn design(props: &DesignProps) -> Html {
    let t = use_text();
    // Estimated again only when something it reads changed: a drag changes positions alone.
    let last = use_mut_ref(|| None::<(std::rc::Rc<Scenario>, std::rc::Rc<Estimate>)>);
    let e = {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((s, e)) if same_estimate(s, &props.scenario) => e.clone(),
            _ => {
                let e = std::rc::Rc::new(estimate(&props.scenario));
                *last = Some((props.scenario.clone(), e.clone()));
                e
            }
        }
    };
    let name = |id: &str| {
        props
            .scenario
            .node(id)
            .map(|n| t.named(&n.name).into_owned())
            .unwrap_or_else(|| id.to_string())
    };
    let over = e.offered_rps > e.capacity_rps;
    html! {
        <dl class="design" title={t.design_all_up_tip}>
            <div><dt>{ t.design_cost }</dt><dd data-metric="cost">{ format!("{}{}", fmt_usd(e.monthly_usd), t.design_per_month) }</dd></div>
            <div><dt>{ t.design_capacity }</dt>
                <dd data-metric="capacity" class={classes!(over.then_some("bad"))}>{
                    if e.capacity_rps.is_finite() { fmt_rate(e.capacity_rps) } else { t.design_unlimited.to_string() }
                }</dd></div>
            { for e.bottleneck.as_ref().map(|b| html! {
                <div class="wide"><dt>{ crate::glossary::term(t.design_bottleneck, "bottleneck", t.lang) }</dt><dd data-metric="bottleneck">{ name(b) }</dd></div>
            }) }
        </dl>
    }
}
