//! The Challenges menu and the panel beside the canvas: the brief, the objectives, and *Check*,
//! which grades the design headless at full speed, a slice of at most a few milliseconds per
//! timer tick so the page keeps drawing, with a progress bar; then each objective's target,
//! measured value and pass or fail, the reference solution, and a result link that, opened
//! later, grades again and says whether its values reproduce. The grading is the model's
//! (`scaleboard_sim::challenge`); this only draws it and keeps it moving.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use scaleboard_sim::challenge::{
    compare_values, Bound, Challenge, Grader, Metric, Report, ValueCheck, BUILTIN,
};
use scaleboard_sim::Scenario;
use yew::prelude::*;

use crate::i18n::{use_lang, use_text, Text};
use crate::workshop::link::{self, Linked};

thread_local! {
    /// The built-in challenges, loaded once. The model's tests keep every one loading; one
    /// that did not would simply be missing from the menu.
    static CHALLENGES: Vec<Rc<Challenge>> = BUILTIN
        .iter()
        .filter_map(|b| scaleboard_sim::challenge::builtin_decoded(b.id).map(Rc::new))
        .collect();
}

/// The built-in challenge with this id.
pub fn find(id: &str) -> Option<Rc<Challenge>> {
    CHALLENGES.with(|all| all.iter().find(|c| c.id == id).cloned())
}

/// Local-storage key of the challenge open beside the autosaved working copy (its id).
pub const OPEN_KEY: &str = "scaleboard.autosave.challenge";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Remembers the challenge open with the working copy (`None`: none is), so a reload brings
/// its panel back with the design. Storage that refuses changes nothing else.
pub fn remember(id: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match id {
            Some(id) => s.set_item(OPEN_KEY, id),
            None => s.remove_item(OPEN_KEY),
        };
    }
}

/// The challenge that was open with the working copy, if it still exists.
pub fn remembered() -> Option<String> {
    let id = storage()?.get_item(OPEN_KEY).ok().flatten()?;
    find(&id).map(|c| c.id.clone())
}

/// Wall time one tick of grading may take [ms]: the rest of a 16 ms frame is the page's.
const TICK_MS: f64 = 10.0;
/// Events run between two looks at the clock.
const EVENTS_PER_LOOK: u64 = 10_000;

#[derive(Properties, PartialEq)]
pub struct ChallengeMenuProps {
    /// The challenge open, if any.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    pub on_open: Callback<String>,
}

/// The header's menu of built-in challenges, by title in the interface's language.
#[function_component(ChallengeMenu)]
pub fn challenge_menu(props: &ChallengeMenuProps) -> Html {
    let lang = use_lang();
    let t = use_text();
    let onchange = {
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            // The menu keeps its name: the panel says which challenge is open, and a long
            // title would crowd the header.
            select.set_value("");
            if !id.is_empty() {
                on_open.emit(id);
            }
        })
    };
    let current = props.current.as_deref().unwrap_or("");
    let all = CHALLENGES.with(|all| all.clone());
    html! {
        <select class="challenges" aria-label={t.ch_menu} {onchange}>
            <option value="" selected=true disabled=true>{ format!("{} …", t.ch_menu) }</option>
            { for all.iter().map(|c| html! {
                <option value={c.id.clone()} data-current={(c.id == current).to_string()}>{ &c.brief(lang).title }</option>
            }) }
        </select>
    }
}

/// Where a check is.
#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    /// Running, this far (0..1); checking a result link's claim again when true.
    Running(f64, bool),
    Done(Rc<Done>),
    /// The design cannot run: its problems in the user's words.
    Problems(Vec<String>),
}

/// A finished check.
#[derive(PartialEq)]
struct Done {
    report: Report,
    /// The design as checked (the canvas may have moved on since).
    design: Rc<Scenario>,
    /// Against a result link's values, when one was opened: each value, or why they cannot be
    /// paired.
    linked: Option<Result<Vec<ValueCheck>, String>>,
}

/// A grading in progress and its timer.
struct Job {
    grader: Grader,
    timer: Option<Timeout>,
    /// The timer that fired last, kept until the next fires: it is running while the new one
    /// is set, and is not dropped from inside itself.
    fired: Option<Timeout>,
}

type JobSlot = Rc<RefCell<Option<Job>>>;

/// One tick: grade for at most [`TICK_MS`], then say how far it got or what it found.
fn schedule(slot: JobSlot, on_tick: Callback<Result<f64, Report>>) {
    let next = {
        let slot = slot.clone();
        Timeout::new(0, move || {
            let start = crate::run::frames::now_ms();
            let outcome = {
                let mut held = slot.borrow_mut();
                let Some(job) = held.as_mut() else { return };
                while !job.grader.done() && crate::run::frames::now_ms() - start < TICK_MS {
                    job.grader.advance_events(EVENTS_PER_LOOK);
                }
                if job.grader.done() {
                    Err(job.grader.report())
                } else {
                    Ok(job.grader.progress())
                }
            };
            if outcome.is_ok() {
                schedule(slot, on_tick.clone());
            }
            on_tick.emit(outcome);
        })
    };
    if let Some(job) = slot.borrow_mut().as_mut() {
        job.fired = job.timer.replace(next);
    }
}

#[derive(Properties, PartialEq)]
pub struct ChallengePanelProps {
    /// The challenge's id.
    pub id: AttrValue,
    /// The design on the canvas.
    pub doc: Rc<Scenario>,
    /// A result link's claim, to check again at once.
    #[prop_or_default]
    pub linked: Option<Rc<Linked>>,
    /// Put the reference solution on the canvas.
    pub on_reference: Callback<Scenario>,
    pub on_close: Callback<()>,
}

#[function_component(ChallengePanel)]
pub fn challenge_panel(props: &ChallengePanelProps) -> Html {
    let lang = use_lang();
    let t = use_text();
    let phase = use_state(|| Phase::Idle);
    let slot: JobSlot = use_mut_ref(|| None::<Job>);
    let copied = use_state(|| None::<String>);
    let challenge = find(&props.id);
    // Stop grading when the panel goes.
    {
        let slot = slot.clone();
        use_effect_with((), move |_| move || drop(slot.borrow_mut().take()));
    }
    let check = {
        let (phase, slot, copied) = (phase.clone(), slot.clone(), copied.clone());
        let challenge = challenge.clone();
        Rc::new(
            move |design: Rc<Scenario>, seed: Option<u64>, linked: Option<Vec<Option<f64>>>| {
                let Some(c) = challenge.clone() else { return };
                copied.set(None);
                let seed = seed.unwrap_or(c.seed);
                match Grader::new(&c, &design, seed) {
                    Err(ds) => phase.set(Phase::Problems(
                        ds.iter()
                            .map(|d| scaleboard_sim::explain::in_words(d, &design))
                            .collect(),
                    )),
                    Ok(grader) => {
                        *slot.borrow_mut() = Some(Job {
                            grader,
                            timer: None,
                            fired: None,
                        });
                        let rechecking = linked.is_some();
                        phase.set(Phase::Running(0.0, rechecking));
                        let phase = phase.clone();
                        let on_tick = Callback::from(move |tick: Result<f64, Report>| match tick {
                            Ok(p) => phase.set(Phase::Running(p, rechecking)),
                            Err(report) => {
                                let linked =
                                    linked.as_ref().map(|v| compare_values(v, &report.values()));
                                phase.set(Phase::Done(Rc::new(Done {
                                    report,
                                    design: design.clone(),
                                    linked,
                                })));
                            }
                        });
                        schedule(slot.clone(), on_tick);
                    }
                }
            },
        )
    };
    // A result link checks itself as soon as it is open.
    {
        let (check, linked, doc) = (check.clone(), props.linked.clone(), props.doc.clone());
        use_effect_with((), move |_| {
            if let Some(l) = linked {
                check(doc, Some(l.seed), Some(l.values.clone()));
            }
        });
    }
    // A grade that arrives below the fold of the side panel is brought into view.
    let outcome_ref = use_node_ref();
    {
        let shown = matches!(*phase, Phase::Done(_) | Phase::Problems(_));
        let outcome_ref = outcome_ref.clone();
        use_effect_with(
            (shown, matches!(*phase, Phase::Running(..))),
            move |(shown, _)| {
                if *shown {
                    if let Some(el) = outcome_ref.cast::<web_sys::Element>() {
                        el.scroll_into_view_with_bool(true);
                    }
                }
            },
        );
    }
    let Some(c) = challenge else {
        return html! {};
    };
    let brief = c.brief(lang);
    let running = matches!(*phase, Phase::Running(..));
    let on_check = {
        let (check, doc) = (check.clone(), props.doc.clone());
        Callback::from(move |_: MouseEvent| check(doc.clone(), None, None))
    };
    let on_reference = {
        let (on_reference, reference) = (props.on_reference.clone(), c.reference.clone());
        Callback::from(move |_: MouseEvent| on_reference.emit(reference.clone()))
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <article class="challenge" lang={lang.tag()} data-challenge={c.id.clone()}>
            <div class="challenge-head">
                <h2>{ &brief.title }</h2>
                <button type="button" class="close" aria-label={t.ch_close} title={t.ch_close} onclick={on_close}>{ "×" }</button>
            </div>
            <p class="brief">{ crate::glossary::annotate(&brief.brief, lang) }</p>
            <h3>{ t.ch_objectives }</h3>
            <ul class="objectives">
                { for c.objectives.iter().map(|o| html! {
                    <li>{ format!("{} {}", (t.ch_metric)(o.metric.key()), bound_text(t, o.metric, o.bound())) }</li>
                }) }
            </ul>
            if !brief.hint.is_empty() {
                <details class="hint">
                    <summary>{ t.ch_hint }</summary>
                    <p>{ crate::glossary::annotate(&brief.hint, lang) }</p>
                </details>
            }
            <div class="check-row">
                <button type="button" class="primary check" onclick={on_check} disabled={running}>{ t.ch_check }</button>
            </div>
            <div class="outcome" ref={outcome_ref}>{ outcome(t, &c, &phase, props, &copied) }</div>
            <div class="reference">
                <button type="button" class="show-reference" onclick={on_reference}>{ t.ch_reference }</button>
                <p class="hint-text">{ t.ch_reference_note }</p>
            </div>
        </article>
    }
}

/// The progress bar, the problems, or the grade.
fn outcome(
    t: &'static Text,
    c: &Challenge,
    phase: &Phase,
    props: &ChallengePanelProps,
    copied: &UseStateHandle<Option<String>>,
) -> Html {
    match phase {
        Phase::Idle => html! {},
        Phase::Running(p, rechecking) => {
            let label = if *rechecking {
                format!("{} {:.0} %", t.ch_rechecking, p * 100.0)
            } else {
                (t.ch_checking)(p * 100.0)
            };
            html! {
                <div class="checking" role="status">
                    <progress max="1" value={p.to_string()} aria-label={label.clone()}></progress>
                    <span>{ label }</span>
                </div>
            }
        }
        Phase::Problems(lines) => html! {
            <div class="grade problems" role="alert">
                <p>{ t.ch_cannot_run }</p>
                <ul>{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            </div>
        },
        Phase::Done(done) => grade_view(t, c, done, props, copied),
    }
}

fn grade_view(
    t: &'static Text,
    c: &Challenge,
    done: &Rc<Done>,
    props: &ChallengePanelProps,
    copied: &UseStateHandle<Option<String>>,
) -> Html {
    let r = &done.report;
    let failed = r.lines.iter().filter(|l| !l.pass).count();
    let summary = if r.passed {
        t.ch_passed.to_string()
    } else {
        (t.ch_failed)(failed, r.lines.len())
    };
    let copy = {
        let (done, copied, id) = (done.clone(), copied.clone(), props.id.to_string());
        Callback::from(move |_: MouseEvent| {
            let url = link::make(&id, done.report.seed, &done.report.values(), &done.design);
            crate::export::copy(&url);
            copied.set(Some(url));
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let linked = done.linked.as_ref().map(|checks| match checks {
        Err(why) => html! { <p class="linked differs" role="alert">{ (t.ch_link_bad)(why) }</p> },
        Ok(checks) if checks.iter().all(|v| v.same) => html! {
            <p class="linked reproduces" role="status">{ t.ch_reproduces }</p>
        },
        Ok(checks) => html! {
            <div class="linked differs" role="alert">
                <p>{ t.ch_differs }</p>
                <table>
                    <thead><tr><th></th><th>{ t.ch_linked }</th><th>{ t.ch_now }</th></tr></thead>
                    <tbody>
                        { for checks.iter().zip(&r.lines).filter(|(v, _)| !v.same).map(|(v, l)| html! {
                            <tr>
                                <th scope="row">{ (t.ch_metric)(l.metric.key()) }</th>
                                <td>{ value_text(t, l.metric, v.linked) }</td>
                                <td>{ value_text(t, l.metric, v.measured) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        },
    });
    html! {
        <div class={classes!("grade", if r.passed { "passed" } else { "failed" })}>
            <p class="summary" role="status">{ summary }</p>
            { for r.missed().map(|s| html! { <p class="missed">{ (t.ch_missed)(s.at_s) }</p> }) }
            // Three columns, the target under the objective's name: the side panel is 250 px
            // wide on a 1024 px screen.
            <table class="objectives-grade">
                <thead><tr><th>{ format!("{} / {}", t.ch_objectives, t.ch_target) }</th><th>{ t.ch_measured }</th><th>{ t.ch_result }</th></tr></thead>
                <tbody>
                    { for r.lines.iter().map(|l| html! {
                        <tr class={if l.pass { "pass" } else { "fail" }} data-metric={l.metric.key()}>
                            <th scope="row">{ (t.ch_metric)(l.metric.key()) }<span class="target">{ bound_text(t, l.metric, l.bound) }</span></th>
                            <td class="value">{ value_text(t, l.metric, l.value) }</td>
                            <td class="verdict">{ if l.pass { format!("✓ {}", t.ch_pass) } else { format!("✗ {}", t.ch_fail) } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if r.script.iter().any(|l| !l.hit.is_empty()) {
                <h3>{ t.ch_script }</h3>
                <ul class="script">{ for script_lines(t, c, done) }</ul>
            }
            <p class="measured-for">{ format!("{} · {} {}", (t.ch_measured_for)(r.measured_s, c.warmup_s), t.seed, r.seed) }</p>
            { for linked }
            <button type="button" class="copy-result" onclick={copy}>{ t.ch_copy_result }</button>
            { for (**copied).clone().map(|url| html! {
                <>
                    <p class="copied" role="status">{ t.ch_result_copied }</p>
                    <input class="copy" type="text" readonly=true aria-label={t.text_to_copy} value={url} onfocus={select_all} />
                </>
            }) }
        </div>
    }
}

/// What each step of the script did to the design as checked: "15 s: Primary down".
fn script_lines(t: &Text, c: &Challenge, done: &Done) -> Vec<Html> {
    done.report
        .script
        .iter()
        .filter(|l| !l.hit.is_empty())
        .filter_map(|l| {
            let step = c.script.get(l.index)?;
            let dc = matches!(
                l.action,
                scaleboard_sim::Action::DcOutage | scaleboard_sim::Action::DcRestore
            );
            let labels: Vec<String> = l
                .hit
                .iter()
                .map(|id| {
                    let f = scaleboard_sim::Fault {
                        at_s: l.at_s,
                        action: l.action,
                        node: (!dc).then(|| id.clone()),
                        dc: dc.then(|| id.clone()),
                        factor: step.factor,
                        rate_rps: step.rate_rps,
                        duration_s: step.duration_s,
                        from: None,
                        to: None,
                        delay_ms: None,
                    };
                    crate::run::labels::fault_label(&done.design, &f, t)
                })
                .collect();
            // "15 s" in English, "15초" in Korean, as the charts write seconds.
            let gap = if t.secs_unit == "s" { " " } else { "" };
            Some(html! { <li>{ format!("{}{gap}{}: {}", l.at_s, t.secs_unit, labels.join(", ")) }</li> })
        })
        .collect()
}

/// An objective's bound as the challenge writes it: "≤ 500 ms", "≤ 0.5 %".
fn bound_text(t: &Text, m: Metric, b: Bound) -> String {
    let v = b.limit();
    // As few decimals as the bound has (at most 2): 0.5 reads 0.5, 1000 reads 1,000.
    let decimals = (0..=2)
        .find(|&d| (v * 10f64.powi(d)).fract() == 0.0)
        .unwrap_or(2) as usize;
    format!(
        "{} {}",
        b.sign(),
        with_unit(t, m, Some(grouped(v, decimals)))
    )
}

/// A measured value with its unit; `None` is an unlimited capacity.
fn value_text(t: &Text, m: Metric, v: Option<f64>) -> String {
    with_unit(t, m, v.map(|v| grouped(v, m.decimals())))
}

fn with_unit(t: &Text, m: Metric, n: Option<String>) -> String {
    let Some(n) = n else {
        return t.ch_unlimited.to_string();
    };
    match m {
        Metric::MonthlyUsd => format!("${n}"),
        Metric::GoodPct | Metric::ErrorPct => format!("{n} %"),
        Metric::ThroughputRps | Metric::CapacityRps => format!("{n}/s"),
        Metric::BacklogJobs => n,
        _ => format!("{n} ms"),
    }
}

/// `v` with `decimals` and thousands separated by commas: "110,070", "2,000.0" (also the
/// inspector's bounds, field_limits.rs).
pub fn grouped(v: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if v < 0.0 && text.chars().any(|c| c != '0' && c != '.') {
        out.insert(0, '-');
    }
    out
}
