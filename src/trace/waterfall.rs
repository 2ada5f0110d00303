//! The waterfall: one row per span of a traced request, grouped by attempt, each a bar on a
//! shared time axis [ms], shaded and patterned by phase (so it reads without colour too), with
//! a legend that carries each phase's total. Hovering or focusing a row reads out its exact
//! times. Bars are SVG rects placed in percent of the track (the page's CSP allows no inline
//! styles), so the drawing fits any width.

use std::rc::Rc;

use scaleboard_sim::trace::{Ending, Phase, Span, Trace};
use scaleboard_sim::{Scenario, CLASSES};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::layout::{by_attempt, phase_class, tick_label, Axis, PHASES};
use crate::i18n::{self, Text};
use crate::run::numbers::fmt_ms;

#[derive(Properties, PartialEq)]
pub struct WaterfallProps {
    pub trace: Rc<Trace>,
    /// The document the run was made from, for the nodes' names.
    pub doc: Rc<Scenario>,
}

/// A duration or a moment on the trace's axis, for people: "0" at the start, else as the
/// numbers panel writes latencies.
fn fmt_at(ms: f64, t: &Text) -> String {
    if ms <= 0.0 {
        "0 ms".into()
    } else {
        fmt_ms(ms, t)
    }
}

/// A node's name as the canvas shows it; an id the document does not hold (an autoscaled
/// clone) as it is.
fn name_of(doc: &Scenario, id: &str, t: &Text) -> String {
    doc.node(id)
        .map_or_else(|| id.to_string(), |n| t.named(&n.name).into_owned())
}

/// Where a span's time went: its node, or for the network "from → to".
fn where_(doc: &Scenario, s: &Span, t: &Text) -> String {
    let node = name_of(doc, &s.node, t);
    match (&s.from, s.phase) {
        (Some(from), Phase::Network) => format!("{} → {node}", name_of(doc, from, t)),
        _ => node,
    }
}

pub fn ending_word(e: Ending, t: &Text) -> &'static str {
    t.tr_endings[e as usize]
}

/// A phase's words in `t`'s language.
pub fn phase_word(p: Phase, t: &Text) -> &'static str {
    t.tr_phases[p as usize]
}

/// Up and Down move the focus from row to row (past the attempts' headings), as in a list.
fn step_rows(e: KeyboardEvent) {
    let down = match e.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(mut at) = e.target_dyn_into::<web_sys::Element>() else {
        return;
    };
    while let Some(next) = if down {
        at.next_element_sibling()
    } else {
        at.previous_element_sibling()
    } {
        if next.get_attribute("data-phase").is_some() {
            e.prevent_default();
            if let Some(next) = next.dyn_ref::<web_sys::HtmlElement>() {
                let _ = next.focus();
            }
            return;
        }
        at = next;
    }
}

/// A small swatch of a phase's bar, for the legend.
fn swatch(p: Phase) -> Html {
    html! {
        <svg class="wf-swatch" width="22" height="12" aria-hidden="true">
            <rect class={classes!("bar", phase_class(p))} x="0" y="0" width="22" height="12" />
        </svg>
    }
}

/// The patterns the stylesheet fills bars with: hatching for waiting in line, dots for backoff.
fn patterns() -> Html {
    html! {
        <svg class="wf-defs" width="0" height="0" aria-hidden="true">
            <defs>
                <pattern id="wf-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="hatch-bg" width="6" height="6" />
                    <line class="hatch-line" x1="0" y1="0" x2="0" y2="6" />
                </pattern>
                <pattern id="wf-dots" width="5" height="5" patternUnits="userSpaceOnUse">
                    <rect class="dots-bg" width="5" height="5" />
                    <circle class="dots-dot" cx="2.5" cy="2.5" r="1.1" />
                </pattern>
            </defs>
        </svg>
    }
}

/// Bar height of a phase [px of a 16 px track]: the network's thinner, a second cue besides
/// shade and pattern.
fn bar_box(p: Phase) -> (&'static str, &'static str) {
    match p {
        Phase::Network => ("5", "6"),
        _ => ("2", "12"),
    }
}

#[function_component(Waterfall)]
pub fn waterfall(props: &WaterfallProps) -> Html {
    let t = i18n::text(i18n::use_lang());
    // The row read out: hovered or focused (index into the trace's spans).
    let shown = use_state(|| None::<usize>);
    let trace = &props.trace;
    let axis = Axis::of(trace);
    let totals = trace.totals();
    let secs = |s: f64| t.secs(s, if s.fract() == 0.0 { 0 } else { 1 });

    let legend = html! {
        <ul class="wf-legend">
            { for PHASES.iter().map(|p| html! {
                <li data-phase={phase_class(*p)} title={t.tr_phase_tips[*p as usize]}>
                    { swatch(*p) }{ phase_word(*p, t) }{ " " }
                    <b data-total={phase_class(*p)}>{ fmt_at(totals[*p as usize], t) }</b>
                </li>
            }) }
            <li class="wf-sum">{ t.tr_total }{ " " }<b data-total="all">{ fmt_at(trace.latency_ms, t) }</b></li>
        </ul>
    };
    let grid = |h: &'static str| -> Html {
        html! { { for axis.ticks.iter().map(|ms| {
            let x = format!("{:.3}%", axis.pct(*ms));
            html! { <line class="wf-grid" x1={x.clone()} x2={x} y1="0" y2={h} /> }
        }) } }
    };
    let ticks = html! {
        <div class="wf-row wf-axis" aria-hidden="true">
            <span class="wf-label">{ t.tr_axis }</span>
            <svg class="wf-track" width="100%" height="16">
                { for axis.ticks.iter().enumerate().map(|(i, ms)| {
                    let pct = axis.pct(*ms);
                    // The first label starts at the axis, the last ends at it: none is cut off.
                    let anchor = if i == 0 { "start" } else if pct > 92.0 { "end" } else { "middle" };
                    html! { <text x={format!("{pct:.3}%")} y="12" text-anchor={anchor}>{ tick_label(*ms, &secs) }</text> }
                }) }
            </svg>
            <span class="wf-ms"></span>
        </div>
    };
    // A row's exact numbers, for its tooltip, its name to screen readers and the readout.
    let exact = |s: &Span| -> String {
        let down = if s.down {
            format!(" {}", t.tr_down)
        } else {
            String::new()
        };
        (t.tr_exact)(
            &(where_(&props.doc, s, t) + &down),
            phase_word(s.phase, t),
            &fmt_at(s.start_ms, t),
            &fmt_at(s.end_ms, t),
            &fmt_at(s.end_ms - s.start_ms, t),
        )
    };
    let row = |i: usize, s: &Span| -> Html {
        let (x, w) = axis.bar(s);
        let who = where_(&props.doc, s, t);
        let took = s.end_ms - s.start_ms;
        let exact = exact(s);
        let (y, h) = bar_box(s.phase);
        let enter = {
            let shown = shown.clone();
            Callback::from(move |_: ()| shown.set(Some(i)))
        };
        html! {
            <li class={classes!("wf-row", phase_class(s.phase), s.down.then_some("down"))} tabindex="0" data-phase={phase_class(s.phase)}
                data-ms={format!("{took}")} title={exact.clone()} aria-label={exact}
                onmouseenter={enter.reform(|_: MouseEvent| ())} onfocus={enter.reform(|_: FocusEvent| ())}>
                <span class="wf-label"><span class="wf-node">{ who }</span>{ " " }<span class="wf-phase">{ phase_word(s.phase, t) }</span>
                    if s.down { { " " }<span class="wf-down">{ t.tr_down }</span> }</span>
                <svg class="wf-track" width="100%" height="16" aria-hidden="true">
                    { grid("16") }
                    <rect class={classes!("bar", phase_class(s.phase))} x={format!("{x:.3}%")} y={y}
                          width={format!("{w:.3}%")} height={h} />
                </svg>
                <span class="wf-ms">{ fmt_at(took, t) }</span>
            </li>
        }
    };
    let groups = by_attempt(trace);
    let tries = groups.len();
    let rows: Vec<Html> = groups
        .iter()
        .flat_map(|(a, spans)| {
            let header = (tries > 1).then(|| {
                let end = trace.attempts.get(usize::from(*a));
                let words = end.map_or_else(String::new, |e| {
                    let failed = e.failed_at.as_deref().map(|f| name_of(&props.doc, f, t));
                    (t.tr_attempt)(
                        u32::from(*a) + 1,
                        tries,
                        ending_word(e.ending, t),
                        &fmt_at(e.at_ms, t),
                        failed.as_deref(),
                    )
                });
                let bad = end.is_some_and(|e| e.ending != Ending::Ok);
                html! { <li class={classes!("wf-attempt", bad.then_some("bad"))} data-attempt={(u32::from(*a) + 1).to_string()}>{ words }</li> }
            });
            let spans: Vec<Html> = spans
                .iter()
                .filter_map(|i| trace.spans.get(*i).map(|s| row(*i, s)))
                .collect();
            header.into_iter().chain(spans)
        })
        .collect();
    let readout = shown
        .and_then(|i| trace.spans.get(i))
        .map(exact)
        .unwrap_or_else(|| t.tr_hint.to_string());
    let class = CLASSES
        .iter()
        .position(|c| *c == trace.class)
        .and_then(|i| t.mix_names.get(i))
        .copied()
        .unwrap_or(trace.class.as_str());
    let summary = (t.tr_summary)(
        class,
        &name_of(&props.doc, &trace.users, t),
        trace.sent_ms / 1000.0,
        &fmt_at(trace.latency_ms, t),
        ending_word(trace.ending, t),
    );
    let failed_at = trace
        .attempts
        .last()
        .and_then(|a| a.failed_at.as_deref())
        .filter(|_| trace.ending != Ending::Ok)
        .map(|f| (t.tr_failed_at)(&name_of(&props.doc, f, t)));
    html! {
        <div class="waterfall" data-latency-ms={trace.latency_ms.to_string()} data-sent-ms={trace.sent_ms.to_string()} data-ending={ending_word(trace.ending, i18n::text(i18n::Lang::En))}>
            { patterns() }
            <p class={classes!("wf-summary", (trace.ending != Ending::Ok).then_some("bad"))}>
                { summary }{ for failed_at.map(|f| html! { <>{ " " }<strong>{ f }</strong></> }) }
            </p>
            { legend }
            <p class="wf-readout" aria-live="polite">{ readout }</p>
            { ticks }
            <ol class="wf-rows" aria-label={t.tr_rows} onkeydown={Callback::from(step_rows)}>{ for rows }</ol>
        </div>
    }
}
