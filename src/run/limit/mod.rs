//! "Find the limit": a panel that sweeps the design (or both designs of a comparison) to the
//! highest rate that meets its objective and draws p99 against offered load as it goes. The
//! sweep is the model's (`scaleboard_sim::sweep`); each design gets an engine of its own, in a
//! worker when one starts (a core the page does not draw with), else on the page in slices.

mod chart;
mod words;

use std::rc::Rc;

use scaleboard_sim::sweep::{Spec, Status};
use scaleboard_sim::Scenario;
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

use super::engine::{Engine, Event};
use crate::i18n;
pub use words::{words, Words};

/// The sweep asked for: its id, the designs, the objective.
type Request = (u32, Vec<Rc<Scenario>>, Spec);

/// Where each design's sweep stands.
#[derive(Clone, Default, PartialEq)]
struct Sweeps {
    /// The sweep shown; reports of an older one are dropped.
    id: u32,
    statuses: Vec<Option<Rc<Status>>>,
    problems: Vec<Option<String>>,
    cancelled: bool,
}

enum Msg {
    /// Sweep `id` of this many designs starts.
    Start(u32, usize),
    Report(usize, u32, Rc<Status>),
    Problem(usize, String),
    Cancel,
}

impl Reducible for Sweeps {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Start(id, n) => {
                s = Sweeps {
                    id,
                    statuses: vec![None; n],
                    problems: vec![None; n],
                    cancelled: false,
                }
            }
            Msg::Report(i, id, st) if id == s.id && !s.cancelled => {
                if let Some(slot) = s.statuses.get_mut(i) {
                    *slot = Some(st);
                }
            }
            Msg::Problem(i, m) => {
                if let Some(slot) = s.problems.get_mut(i) {
                    *slot = Some(m);
                }
            }
            Msg::Cancel => s.cancelled = true,
            Msg::Report(..) => return self,
        }
        Rc::new(s)
    }
}

impl Sweeps {
    /// Whether a sweep is still going: started, not cancelled, and some design neither done
    /// nor refused.
    fn running(&self) -> bool {
        !self.cancelled
            && self
                .statuses
                .iter()
                .zip(&self.problems)
                .any(|(st, p)| p.is_none() && !st.as_ref().is_some_and(|s| s.done))
    }

    /// Share done over every design still in it (0..1).
    fn progress(&self) -> f64 {
        let n = self.statuses.len().max(1) as f64;
        self.statuses
            .iter()
            .map(|s| s.as_ref().map_or(0.0, |s| s.progress))
            .sum::<f64>()
            / n
    }
}

#[derive(Properties, PartialEq)]
pub struct FindLimitProps {
    /// The design to sweep, or A and B of a comparison.
    pub designs: Vec<Rc<Scenario>>,
}

#[function_component(FindLimit)]
pub fn find_limit(props: &FindLimitProps) -> Html {
    let lang = i18n::use_lang();
    let w = words(lang);
    let t = i18n::text(lang);
    let open = use_state(|| false);
    let state = use_reducer(Sweeps::default);
    // One engine per design, started at the first sweep and ended when the panel closes;
    // the sweep asked for, to ask again if an engine falls back to the page.
    let engines = use_mut_ref(Vec::<Engine>::new);
    let request = use_mut_ref(|| None::<Request>);
    let next_id = use_mut_ref(|| 0_u32);
    // The p99 objective swept [ms]; None for the design's own. Set only when a typed objective
    // is applied (Enter, leaving the field, Run again), synchronously, so the change event that
    // follows an Enter sees it and does not start the same sweep twice.
    let applied = use_mut_ref(|| None::<f64>);
    // The field's text while it is being edited and not yet applied. The field draws it rather
    // than the objective in use: progress redraws the panel several times a second, and a
    // redraw with the applied value would reset the field under the keys typing into it.
    let draft = use_state(|| None::<String>);
    let bad_objective = use_state(|| false);
    let canvas = use_node_ref();

    // Sweeps with `typed` (the field's text) or else the objective in use; `again` re-runs even
    // when that objective is already being swept.
    let run = {
        let (engines, request, next_id, applied) = (
            engines.clone(),
            request.clone(),
            next_id.clone(),
            applied.clone(),
        );
        let (state, open, draft, bad) = (
            state.clone(),
            open.clone(),
            draft.clone(),
            bad_objective.clone(),
        );
        let designs = props.designs.clone();
        Callback::from(move |(typed, again): (Option<String>, bool)| {
            let p99_ms = match typed.as_deref().map(parse_objective) {
                None => *applied.borrow(),
                Some(Some(v)) => Some(v),
                Some(None) => {
                    // Kept as typed, to be corrected; nothing runs.
                    bad.set(true);
                    return;
                }
            };
            bad.set(false);
            draft.set(None);
            let same = p99_ms == *applied.borrow() && request.borrow().is_some();
            if same && !again {
                return;
            }
            *applied.borrow_mut() = p99_ms;
            let spec = Spec {
                p99_ms,
                ..Spec::default()
            };
            let id = {
                let mut n = next_id.borrow_mut();
                *n += 1;
                *n
            };
            state.dispatch(Msg::Start(id, designs.len()));
            *request.borrow_mut() = Some((id, designs.clone(), spec));
            let mut all = engines.borrow_mut();
            if all.len() != designs.len() {
                all.clear();
                for i in 0..designs.len() {
                    all.push(engine_for(i, &state, &engines, &request));
                }
            }
            for (e, doc) in all.iter().zip(&designs) {
                e.sweep(id, doc, spec);
            }
            open.set(true);
        })
    };
    // The buttons: sweep again with the draft, if any. Clicking one takes the focus from the
    // field, whose change event may already have started this sweep since the last render:
    // then the click adds nothing.
    let start = {
        let (run, draft, next_id) = (run.clone(), (*draft).clone(), next_id.clone());
        let seen = *next_id.borrow();
        Callback::from(move |_: MouseEvent| {
            if *next_id.borrow() == seen {
                run.emit((draft.clone(), true));
            }
        })
    };
    let cancel = {
        let (engines, request, state) = (engines.clone(), request.clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            request.borrow_mut().take();
            engines.borrow().iter().for_each(Engine::stop_sweep);
            state.dispatch(Msg::Cancel);
        })
    };
    let close = {
        let (engines, request, state, open) = (
            engines.clone(),
            request.clone(),
            state.clone(),
            open.clone(),
        );
        let (draft, bad) = (draft.clone(), bad_objective.clone());
        Callback::from(move |_: MouseEvent| {
            // An objective typed and never applied goes with the panel.
            draft.set(None);
            bad.set(false);
            request.borrow_mut().take();
            // Dropping an engine ends its worker.
            engines.borrow_mut().clear();
            state.dispatch(Msg::Cancel);
            open.set(false);
        })
    };
    let on_objective = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(Some(input.value()));
            }
        })
    };
    let on_apply = {
        let run = run.clone();
        Callback::from(move |e: web_sys::Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                run.emit((Some(input.value()), false));
            }
        })
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                run.emit((Some(input.value()), false));
            }
        }
    });

    // Draw the curves after every render while the panel is open.
    {
        let (canvas, state, open) = (canvas.clone(), state.clone(), *open);
        let labels = labels(props.designs.len());
        use_effect(move || {
            let Some(c) = canvas.cast::<HtmlCanvasElement>().filter(|_| open) else {
                return;
            };
            let theme = if crate::location::dark_theme() {
                super::charts::DARK
            } else {
                super::charts::LIGHT
            };
            let shown: Vec<(&str, &Rc<Status>)> = labels
                .iter()
                .zip(&state.statuses)
                .filter_map(|(l, s)| s.as_ref().map(|s| (*l, s)))
                .collect();
            let Some(objective) = shown.first().map(|(_, s)| s.objective.p99_ms) else {
                return;
            };
            let suffixes: Vec<String> = shown
                .iter()
                .map(|(l, _)| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!(" {l}")
                    }
                })
                .collect();
            let curves: Vec<chart::Curve> = shown
                .iter()
                .zip(&suffixes)
                .map(|((_, s), suffix)| chart::Curve {
                    name: format!("p99{suffix}"),
                    suffix,
                    points: &s.curve,
                    max_rate: s.max_rate_rps.filter(|_| s.done),
                    today_rps: s.today_rps,
                })
                .collect();
            let _ = chart::draw(&c, &curves, objective, &theme, w);
        });
    }

    let button = html! {
        <button type="button" class="find-limit" title={w.find_limit_tip} onclick={start.clone()}>{ w.find_limit }</button>
    };
    if !*open {
        return button;
    }
    let running = state.running();
    let progress = state.progress();
    let first = state.statuses.iter().flatten().next().cloned();
    // What the field shows: the draft, else the objective swept (the status says the design's
    // own once the first point is in).
    let objective_value = match (&*draft, *applied.borrow()) {
        (Some(text), _) => text.clone(),
        (None, Some(v)) => v.to_string(),
        (None, None) => first
            .as_ref()
            .map_or(String::new(), |s| s.objective.p99_ms.to_string()),
    };
    let phase = if running {
        "running"
    } else if state.cancelled {
        "cancelled"
    } else {
        "done"
    };
    let points_done = state
        .statuses
        .iter()
        .flatten()
        .map(|s| s.curve.len())
        .max()
        .unwrap_or(0);
    let all_points = || state.statuses.iter().flatten().flat_map(|s| s.curve.iter());
    let measured = all_points().map(|p| p.measured_s);
    let (lo, hi) = measured.fold((f64::INFINITY, 0.0_f64), |(lo, hi), s| {
        (lo.min(s), hi.max(s))
    });
    let left_out = first.as_ref().map_or(0, |s| s.left_out);
    // As a run would see it: a node dragged on the canvas changes nothing swept.
    let changed = request.borrow().as_ref().is_some_and(|(_, docs, _)| {
        use scaleboard_sim::live::{classify, Change};
        docs.len() != props.designs.len()
            || docs
                .iter()
                .zip(&props.designs)
                .any(|(a, b)| classify(a, b, &[]) != Change::None)
    });
    // Where the sweeps run, for tests and the curious: in workers, or on the page.
    let place = match engines.borrow().first().map(Engine::place) {
        Some(super::engine::Place::Page { .. }) => "page",
        Some(super::engine::Place::Worker) => "worker",
        _ => "starting",
    };
    html! {
        <>
        { button }
        <section class="limit-panel" role="dialog" aria-label={w.find_limit} data-sweep={phase}
                 data-progress={format!("{progress:.3}")} data-points={points_done.to_string()} data-engine={place}>
            <header>
                <h2>{ w.find_limit }</h2>
                <button type="button" class="close" aria-label={w.close} title={w.close} onclick={close}>{ "×" }</button>
            </header>
            // Words and chart side by side where the window is short (style.css), so the answer
            // and the whole chart with its axes show at once above the run dock.
            <div class="limit-body">
            <div class="limit-words">
            <p class="hint">{ w.explain }</p>
            <div class="limit-controls">
                <label>{ w.objective_label }{ " " }
                    // Text, not number: a number field hides what is typed (its value is "" for
                    // "1e"), and what is typed must stay to be corrected.
                    <input type="text" inputmode="decimal" class="objective-field" value={objective_value} oninput={on_objective}
                           onchange={on_apply} onkeydown={on_key} aria-label={w.objective_label} /></label>
                if draft.is_some() {
                    <span class="objective pending">{ w.apply_hint }</span>
                } else {
                    { for first.as_ref().map(|s| html! {
                        <span class="objective">{ (w.objective)(s.objective.p99_ms, s.objective.max_error_ratio * 100.0) }</span>
                    }) }
                }
                if running {
                    <button type="button" class="cancel" onclick={cancel}>{ w.cancel }</button>
                } else {
                    <button type="button" class="again" onclick={start}>{ w.run_again }</button>
                }
            </div>
            if *bad_objective { <p class="notice bad" role="alert">{ w.bad_objective }</p> }
            if changed { <p class="notice" role="status" data-notice="design-changed">{ w.changed }</p> }
            if running {
                <div class="limit-progress" role="status">
                    <progress max="1" value={progress.to_string()} aria-label={w.find_limit} />
                    <span>{ format!("{:.0} % · {}", progress * 100.0, if first.is_some() { (w.running)(points_done + 1) } else { w.starting.to_string() }) }</span>
                </div>
            }
            if state.cancelled && !state.statuses.iter().all(|s| s.as_ref().is_some_and(|s| s.done)) {
                <p class="notice" role="status">{ w.cancelled }</p>
            }
            { for labels(props.designs.len()).into_iter().zip(state.statuses.iter().zip(&state.problems)).map(|(l, (st, problem))| {
                result(l, st.as_deref(), problem.as_deref(), w, t)
            }) }
            </div>
            <div class="limit-chart">
            <canvas ref={canvas} width="520" height="240" aria-label={w.chart_aria} />
            <p class="axis-note">{ w.axis_offered }</p>
            if lo.is_finite() { <p class="hint">{ (w.lengths)(lo, hi) }</p> }
            if left_out > 0 { <p class="hint">{ (w.left_out)(left_out) }</p> }
            </div>
            </div>
        </section>
        </>
    }
}

/// A typed p99 objective [ms]: a finite number above 0, else None.
fn parse_objective(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| *v > 0.0 && v.is_finite())
}

/// An engine for design `i` whose sweep reports go to `state`; if it falls back to the page
/// mid-sweep, the sweep is asked for again there.
fn engine_for(
    i: usize,
    state: &UseReducerHandle<Sweeps>,
    engines: &Rc<std::cell::RefCell<Vec<Engine>>>,
    request: &Rc<std::cell::RefCell<Option<Request>>>,
) -> Engine {
    let e = Engine::start();
    let dispatch = state.dispatcher();
    e.set_sweep_handler(move |id, st| dispatch.dispatch(Msg::Report(i, id, st)));
    let dispatch = state.dispatcher();
    // Weak: an engine must not keep itself (and its worker) alive through its own handler.
    let (engines, request) = (Rc::downgrade(engines), Rc::clone(request));
    e.set_handler(move |event| match event {
        Event::Problem(m) => dispatch.dispatch(Msg::Problem(i, m)),
        Event::FellBack(_) => {
            let again = request.borrow().clone();
            if let (Some(all), Some((id, docs, spec))) = (engines.upgrade(), again) {
                if let (Some(e), Some(doc)) = (all.borrow().get(i), docs.get(i)) {
                    e.sweep(id, doc, spec);
                }
            }
        }
        _ => {}
    });
    e
}

/// The designs' names on the chart and in the results: none for one, A and B for two.
fn labels(n: usize) -> Vec<&'static str> {
    match n {
        1 => vec![""],
        _ => ["A", "B"].into_iter().cycle().take(n).collect(),
    }
}

/// One design's outcome in words: max_rate, the node that saturates first, today's share.
fn result(
    label: &str,
    st: Option<&Status>,
    problem: Option<&str>,
    w: &Words,
    t: &i18n::Text,
) -> Html {
    let prefix = if label.is_empty() {
        String::new()
    } else {
        format!("{label}: ")
    };
    if let Some(p) = problem {
        return html! { <p class="notice bad" role="alert" data-design={label.to_string()}>{ format!("{prefix}{p}") }</p> };
    }
    let Some(st) = st.filter(|s| s.done) else {
        return html! {};
    };
    // Whole requests per second, a tenth below 100.
    let rate = |r: f64| {
        if r >= 100.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    };
    let headline = match (st.at_max(), st.limit_found) {
        (Some(p), true) => (w.max_rate)(&rate(p.offered_rps), p.p99_ms),
        (Some(p), false) => (w.no_limit)(&rate(p.offered_rps)),
        (None, _) => (w.none_meets)(&rate(st.curve.first().map_or(0.0, |p| p.offered_rps))),
    };
    let share = st
        .max_rate_rps
        .filter(|_| st.limit_found)
        .map(|m| st.today_rps / m * 100.0);
    html! {
        <div class="limit-result" data-design={label.to_string()}
             data-max-rate={st.max_rate_rps.map(|m| format!("{m:.1}")).unwrap_or_default()}>
            <p class="headline">{ prefix }{ headline }</p>
            { for st.saturates_first.as_ref().map(|n| html! {
                <p data-saturates={n.id.clone()}>{ (w.saturates)(&t.named(&n.name), n.utilization * 100.0) }</p>
            }) }
            <p>{ (w.today)(&rate(st.today_rps), share) }</p>
            { for st.problem.as_ref().map(|p| html! { <p class="notice bad">{ p.clone() }</p> }) }
        </div>
    }
}
