//! The design's price and ceiling beside the live numbers: what it costs a month and how much
//! traffic it can carry before its bottleneck saturates (from `scaleboard_sim::cost`). Scale
//! up and scale out are compared by exactly these two figures plus the measured p99.

use scaleboard_sim::cost::estimate;
use scaleboard_sim::Scenario;
use yew::prelude::*;

use super::numbers::fmt_rate;
use crate::i18n::{use_lang, Lang};

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

struct Words {
    cost: &'static str,
    per_month: &'static str,
    capacity: &'static str,
    unlimited: &'static str,
    bottleneck: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            cost: "cost",
            per_month: "/month",
            capacity: "capacity",
            unlimited: "no limit",
            bottleneck: "bottleneck",
        },
        Lang::Ko => Words {
            cost: "비용",
            per_month: "/월",
            capacity: "처리 한계",
            unlimited: "제한 없음",
            bottleneck: "병목",
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct DesignProps {
    pub scenario: std::rc::Rc<Scenario>,
}

#[function_component(Design)]
pub fn design(props: &DesignProps) -> Html {
    let w = words(use_lang());
    let e = use_memo(props.scenario.clone(), |s| estimate(s));
    let name = |id: &str| {
        props
            .scenario
            .node(id)
            .map(|n| n.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let over = e.offered_rps > e.capacity_rps;
    html! {
        <dl class="design">
            <div><dt>{ w.cost }</dt><dd data-metric="cost">{ format!("{}{}", fmt_usd(e.monthly_usd), w.per_month) }</dd></div>
            <div><dt>{ w.capacity }</dt>
                <dd data-metric="capacity" class={classes!(over.then_some("bad"))}>{
                    if e.capacity_rps.is_finite() { fmt_rate(e.capacity_rps) } else { w.unlimited.to_string() }
                }</dd></div>
            { for e.bottleneck.as_ref().map(|b| html! {
                <div class="wide"><dt>{ w.bottleneck }</dt><dd data-metric="bottleneck">{ name(b) }</dd></div>
            }) }
        </dl>
    }
}
