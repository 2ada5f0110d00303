//! Two designs on the same traffic, side by side: one clock, one Play, one speed
//! (`run::pair`); faults injected by component id into both designs that have it; the charts
//! with A solid and B dashed; a table of A, B and B - A with one sentence saying what B changes
//! (`scaleboard_sim::compare`, the figures `scaleboard compare` prints).
//!
//! Opened by `?scenario=A&compare=B` (built-in steps), or a link carrying both designs
//! (`#s=<A>&c=<B>`). Each side can be selected, panned and zoomed; editing happens in the
//! editor, one click away.

use std::cell::Cell;
use std::rc::Rc;

use scaleboard_sim::cli::parse_duration_ms;
use scaleboard_sim::compare::{compare, same_traffic, signed, Comparison, Figures};
use scaleboard_sim::run::Speed;
use scaleboard_sim::{Action, Fault, Scenario, Snapshot};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::i18n::{self, Text};
use crate::lesson::shown_title;
use crate::run::charts;
use crate::run::compare_charts;
use crate::run::design::fmt_usd;
use crate::run::dock::{new_fault, speed_picker, SPEEDS};
use crate::run::engine::{Engine, Event, Place};
use crate::run::frames::{self, FrameLoop};
use crate::run::labels::fault_label;
use crate::run::numbers::fmt_ms;
use crate::run::pair::Pair;
use crate::run::replay;
use crate::run::series;
use crate::state::State;
use crate::toolbar::Toolbar;
use crate::workspace::{next_uid, use_canvas_size};

/// Wall time between two refreshes of the views while playing [ms].
const VIEW_EVERY_MS: f64 = 100.0;
/// The speed a comparison starts at: real time.
const DEFAULT_SPEED: usize = 2;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub a: Rc<Scenario>,
    pub b: Rc<Scenario>,
    /// A moment to open at (`?t=`): both run there at once, paused.
    #[prop_or_default]
    pub start_at: Option<AttrValue>,
    /// In an iframe (`?embed`): no editing or link buttons, a way out to the full page instead.
    #[prop_or_default]
    pub embed: bool,
}

/// The run of one side as the views draw it: the moment scrubbed to, else now, once it has
/// advanced.
fn shown(e: &Engine) -> Option<Rc<Snapshot>> {
    let m = e.mirror();
    m.scenario.as_ref()?;
    replay::shown(&m)
}

/// `doc` with `faults` added to its own: a run from the start that replays them.
fn with_faults(doc: &Scenario, faults: &[Fault]) -> Scenario {
    let mut d = doc.clone();
    d.faults.extend(faults.iter().cloned());
    d.faults.sort_by(|x, y| x.at_s.total_cmp(&y.at_s));
    d
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let t = i18n::use_text();
    let pair = use_memo((), |_| Pair::start());
    let playing = use_state(|| false);
    let speed = use_state(|| DEFAULT_SPEED);
    let problem = use_state(|| None::<String>);
    // The component last selected, and on which side (B: true).
    let selected = use_state(|| None::<(bool, String)>);
    // Faults injected in this comparison, for the sentence.
    let injected = use_state(Vec::<Fault>::new);
    let link = use_state(|| None::<String>);
    // The moment the timeline is scrubbed to [s], or `None` for now.
    let scrub = use_state(|| None::<f64>);
    let redraw = use_force_update();
    // What keeps either design from running, in the user's words: the other runs alone, and
    // the dock says why this one does not.
    let blocked = use_memo((props.a.clone(), props.b.clone()), |(a, b)| {
        let first = |doc: &Scenario| {
            scaleboard_sim::validate(doc).first().map(|d| {
                scaleboard_sim::explain::in_words_shown(d, doc, &|n| t.named(n).into_owned())
            })
        };
        (first(a), first(b))
    });
    let runs = (blocked.0.is_none(), blocked.1.is_none());

    // While paused, every frame (Step, an injection) is drawn; while playing, the frame loop
    // draws at 10 Hz.
    {
        let (redraw, playing_now) = (redraw.clone(), *playing);
        pair.set_handler(move |_, event| match event {
            Event::Frame | Event::Moment | Event::FellBack(_) if !playing_now => {
                redraw.force_update()
            }
            _ => {}
        });
    }
    let reset = {
        let (pair, a, b, runs, injected, redraw) = (
            pair.clone(),
            props.a.clone(),
            props.b.clone(),
            runs,
            injected.clone(),
            redraw.clone(),
        );
        // From zero, replaying `keep` (faults injected earlier, for "run from here").
        Callback::from(move |keep: Vec<Fault>| {
            pair.load(&with_faults(&a, &keep), &with_faults(&b, &keep), runs);
            injected.set(keep);
            redraw.force_update();
        })
    };
    {
        let (reset, pair, problem, start_at) = (
            reset.clone(),
            pair.clone(),
            problem.clone(),
            props.start_at.clone(),
        );
        use_effect_with((), move |_| {
            reset.emit(Vec::new());
            match start_at.as_deref().map(|raw| (raw, parse_duration_ms(raw))) {
                Some((_, Ok(t_ms))) => pair.run_until(t_ms),
                Some((raw, Err(_))) => problem.set(Some((t.bad_moment)(raw))),
                None => {}
            }
        });
    }
    let speed_now = SPEEDS.get(*speed).map(|s| s.1).unwrap_or(Speed::Times(1.0));
    {
        let (pair, redraw) = (pair.clone(), redraw.clone());
        use_effect_with((*playing, speed_now), move |(playing, speed)| {
            let speed = *speed;
            let looped: Option<FrameLoop> = playing.then(|| {
                let (last, last_view) = (Cell::new(None::<f64>), Cell::new(0.0_f64));
                frames::start(move |ts| {
                    let dt = last.get().map(|l| ts - l).unwrap_or(0.0);
                    last.set(Some(ts));
                    pair.frame(dt, speed);
                    if ts - last_view.get() >= VIEW_EVERY_MS {
                        last_view.set(ts);
                        redraw.force_update();
                    }
                })
            });
            move || drop(looped)
        });
    }

    // Back to the runs as they are now, from a moment scrubbed to.
    let go_live = {
        let (pair, scrub, redraw) = (pair.clone(), scrub.clone(), redraw.clone());
        Callback::from(move |_: ()| {
            scrub.set(None);
            pair.live();
            redraw.force_update();
        })
    };
    let toggle = {
        let (playing, go_live) = (playing.clone(), go_live.clone());
        Callback::from(move |_: ()| {
            go_live.emit(());
            playing.set(!*playing);
        })
    };
    let step = {
        let (pair, playing, window_ms, go_live) = (
            pair.clone(),
            playing.clone(),
            props.a.window_ms,
            go_live.clone(),
        );
        Callback::from(move |_| {
            go_live.emit(());
            playing.set(false);
            pair.step(window_ms);
        })
    };
    let on_reset = {
        let (reset, playing, scrub) = (reset.clone(), playing.clone(), scrub.clone());
        Callback::from(move |_| {
            playing.set(false);
            scrub.set(None);
            reset.emit(Vec::new());
        })
    };
    let on_seek = {
        let pair_ = pair.clone();
        replay::seek(
            move |t_ms| pair_.moment(t_ms),
            playing.clone(),
            scrub.clone(),
            go_live.clone(),
        )
    };
    let on_run_from = {
        let (pair, playing, scrub, reset, injected) = (
            pair.clone(),
            playing.clone(),
            scrub.clone(),
            reset.clone(),
            injected.clone(),
        );
        Callback::from(move |at_s: f64| {
            scrub.set(None);
            // The faults injected so far, replayed at their times on the way.
            reset.emit((*injected).clone());
            pair.run_until(at_s * 1000.0);
            playing.set(true);
        })
    };
    let on_moment_link = {
        let (a, b, link) = (props.a.clone(), props.b.clone(), link.clone());
        Callback::from(move |at_s: f64| {
            let url = comparison_link(&a, &b).replacen(
                '#',
                &format!("?t={}#", (at_s * 10.0).round() / 10.0),
                1,
            );
            crate::export::copy(&url);
            link.set(Some(url));
        })
    };
    let inject = |action: Action, factor: Option<f64>| {
        let (pair, selected, problem, injected, redraw) = (
            pair.clone(),
            selected.clone(),
            problem.clone(),
            injected.clone(),
            redraw.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some((on_b, id)) = (*selected).clone() else {
                return;
            };
            let mut f = new_fault(action);
            f.node = Some(id);
            f.factor = factor;
            f.at_s = pair.now_ms() / 1000.0;
            match pair.inject(&f, on_b) {
                Ok(_) => {
                    problem.set(None);
                    let mut all = (*injected).clone();
                    all.push(f);
                    injected.set(all);
                    pair.a.pull();
                    pair.b.pull();
                }
                Err(e) => problem.set(Some(e)),
            }
            redraw.force_update();
        })
    };
    // Edit one side in the editor, keeping the other to come back to.
    let edit = |side_b: bool| {
        let (a, b) = (props.a.clone(), props.b.clone());
        Callback::from(move |_: MouseEvent| {
            let (edited, other) = if side_b { (&b, &a) } else { (&a, &b) };
            crate::dom::go(&editing_link(edited, other, side_b));
        })
    };
    let on_link = {
        let (a, b, link) = (props.a.clone(), props.b.clone(), link.clone());
        Callback::from(move |_| {
            let url = comparison_link(&a, &b);
            crate::export::copy(&url);
            link.set(Some(url));
        })
    };
    let on_embed = {
        let (a, b, link) = (props.a.clone(), props.b.clone(), link.clone());
        Callback::from(move |_| {
            let code = comparison_embed_code(&a, &b);
            crate::export::copy(&code);
            link.set(Some(code));
        })
    };

    let (snap_a, snap_b) = (shown(&pair.a), shown(&pair.b));
    let pts = |e: &Engine| series::system(e.mirror().windows.iter());
    let (pts_a, pts_b) = (Rc::new(pts(&pair.a)), Rc::new(pts(&pair.b)));
    let marks: Rc<Vec<charts::Mark>> = Rc::new(
        injected
            .iter()
            .map(|f| (f.at_s, fault_label(&props.b, f, t)))
            .collect(),
    );
    let now_s = pair.now_ms() / 1000.0;
    // What went wrong in both runs, in words, for the sentence ("Cache down").
    let trouble = injected
        .iter()
        .filter(|f| {
            matches!(
                f.action,
                Action::Fail | Action::Slow | Action::DcOutage | Action::Spike
            )
        })
        .map(|f| fault_label(&props.b, f, t))
        .collect::<Vec<_>>()
        .join(", ");
    let timeline_markers: Vec<replay::Marker> = injected
        .iter()
        .map(|f| replay::Marker {
            at_s: f.at_s,
            label: fault_label(&props.b, f, t),
            fault: None,
        })
        .collect();
    let behind = *playing && pair.behind();
    let comparison = snap_a.as_ref().zip(snap_b.as_ref()).map(|(sa, sb)| {
        let faults = Scenario {
            faults: (*injected).clone(),
            ..(*props.b).clone()
        };
        compare(
            Figures::of(&props.a, sa),
            Figures::of(&props.b, sb),
            &faults,
            same_traffic(&props.a, &props.b),
        )
    });

    let on_select = |on_b: bool| {
        let selected = selected.clone();
        Callback::from(move |id: Option<String>| match id {
            Some(id) => selected.set(Some((on_b, id))),
            None => {
                if selected.as_ref().is_some_and(|(b, _)| *b == on_b) {
                    selected.set(None);
                }
            }
        })
    };
    let inject_bar = match &*selected {
        Some((on_b, id)) => {
            let node = if *on_b {
                props.b.node(id)
            } else {
                props.a.node(id)
            };
            let both = props.a.node(id).is_some() && props.b.node(id).is_some();
            let name = node
                .map(|n| t.named(&n.name).into_owned())
                .unwrap_or_default();
            let legend = if both {
                (t.cmp_inject_both)(&name)
            } else {
                (t.cmp_inject_one)(&name, if *on_b { "B" } else { "A" })
            };
            html! {
                <fieldset class="faults">
                    <legend>{ legend }</legend>
                    <button type="button" onclick={inject(Action::Fail, None)}>{ t.fail }</button>
                    <button type="button" onclick={inject(Action::Recover, None)}>{ t.recover }</button>
                    <button type="button" onclick={inject(Action::Slow, Some(4.0))}>{ t.slow_down }</button>
                    <button type="button" onclick={inject(Action::Slow, Some(1.0))}>{ t.normal_speed }</button>
                </fieldset>
            }
        }
        None => html! { <p class="hint">{ t.cmp_select_hint }</p> },
    };
    let canvases = use_memo((), |_| [NodeRef::default(), NodeRef::default()]);
    {
        let cursor = *scrub;
        let (canvases, pts_a, pts_b, marks) = (
            canvases.clone(),
            pts_a.clone(),
            pts_b.clone(),
            marks.clone(),
        );
        use_effect(move || {
            let theme = if crate::location::dark_theme() {
                charts::DARK
            } else {
                charts::LIGHT
            };
            let pts = (pts_a.as_slice(), pts_b.as_slice());
            if let Some(c) = canvases[0].cast::<HtmlCanvasElement>() {
                let _ = compare_charts::latency(&c, pts, &marks, cursor, &theme, t);
            }
            if let Some(c) = canvases[1].cast::<HtmlCanvasElement>() {
                let _ = compare_charts::outcomes(&c, pts, &marks, cursor, &theme, t);
            }
        });
    }
    // Where the engines run, as the run dock says it (tests and benchmarks wait for it).
    let place = match (pair.a.place(), pair.b.place()) {
        (Place::Worker, Place::Worker) => "worker",
        (Place::Page { .. }, _) | (_, Place::Page { .. }) => "page",
        _ => "starting",
    };
    let traffic_note = if same_traffic(&props.a, &props.b) {
        t.cmp_same_traffic
    } else {
        t.cmp_different_traffic
    };
    html! {
        <div class={classes!("compare", props.embed.then_some("embed"))} data-playing={playing.to_string()}>
            <header class="topbar">
                <h1 class="brand">{ crate::icons::logo() }{ "Scaleboard" }</h1>
                <span class="scenario-title">{ (t.cmp_title)(&shown_title(t.lang, &props.a.name), &shown_title(t.lang, &props.b.name)) }</span>
                if props.embed {
                    <a class="open-full" href={comparison_link(&props.a, &props.b)} target="_blank" rel="noopener">{ t.open_full }</a>
                } else {
                    <button type="button" onclick={edit(false)}>{ (t.cmp_edit)("A") }</button>
                    <button type="button" onclick={edit(true)}>{ (t.cmp_edit)("B") }</button>
                    <button type="button" onclick={on_link}>{ t.cmp_copy_link }</button>
                    <button type="button" onclick={on_embed}>{ t.copy_embed }</button>
                }
            </header>
            <section class="run-dock compare-dock" aria-label={t.run} data-engine={place}>
                <div class="run-controls">
                    <button type="button" class="primary" onclick={toggle.reform(|_| ())} aria-pressed={playing.to_string()}
                            disabled={!(runs.0 || runs.1)}>{ if *playing { t.pause } else { t.play } }</button>
                    <button type="button" onclick={step} title={t.step_tip}>{ t.step }</button>
                    <button type="button" onclick={on_reset}>{ t.reset }</button>
                    { speed_picker(&speed, t) }
                    <span class="clock" data-metric="clock" aria-label={t.sim_time}>{ format!("t = {}", t.secs(now_s, 1)) }</span>
                    if behind { <span class="behind" title={t.behind_tip}>{ t.behind }</span> }
                    <span class="traffic-note">{ traffic_note }</span>
                    <crate::run::limit::FindLimit designs={vec![props.a.clone(), props.b.clone()]} />
                </div>
                { for problem.as_ref().map(|p| html! { <p class="notice bad" role="alert">{ p.clone() }</p> }) }
                { for [("A", &blocked.0), ("B", &blocked.1)].into_iter().filter_map(|(side, why)| why.as_ref().map(|why| html! {
                    <p class="notice bad" role="alert" data-blocked={side}>{ format!("{side}: {}", (t.cannot_run)(why)) }</p>
                })) }
                { for link.as_ref().map(|url| html! {
                    <p class="notice" role="status">{ t.cmp_copy_link }{ " " }
                        <input class="copy" type="text" readonly=true value={url.clone()} aria-label={t.cmp_copy_link} /></p>
                }) }
                if now_s > 0.0 {
                    <replay::Timeline end_s={now_s} cursor_s={*scrub} step_s={props.a.window_ms / 1000.0}
                        markers={timeline_markers} {on_seek} on_move={Callback::noop()} {on_run_from}
                        on_toggle={toggle.clone()} on_link={on_moment_link} />
                }
                <div class="run-inject">{ inject_bar }</div>
            </section>
            <div class="compare-sides">
                <Side label="A" doc={props.a.clone()} live={snap_a} on_select={on_select(false)} />
                <Side label="B" doc={props.b.clone()} live={snap_b} on_select={on_select(true)} />
            </div>
            <section class="compare-results">
                { delta_table(comparison.as_ref(), &trouble, t) }
                <div class="charts compare-charts">
                    <figure><figcaption>{ t.latency }</figcaption>
                        <canvas ref={canvases[0].clone()} width="480" height="220" aria-label={t.cmp_latency_aria} /></figure>
                    <figure><figcaption>{ t.throughput }</figcaption>
                        <canvas ref={canvases[1].clone()} width="480" height="220" aria-label={t.cmp_outcomes_aria} /></figure>
                </div>
            </section>
        </div>
    }
}

/// A, B and B - A, and the sentence; a hint before the run has advanced.
fn delta_table(c: Option<&Comparison>, trouble: &str, t: &'static Text) -> Html {
    let Some(c) = c else {
        return html! { <p class="hint">{ t.press_play }</p> };
    };
    let (a, b, d) = (&c.a, &c.b, &c.delta);
    let cap =
        |v: Option<f64>| v.map_or_else(|| t.cmp_unlimited.to_string(), |v| format!("{v:.0}/s"));
    let usd = |v: f64| format!("{}{}", fmt_usd(v), t.design_per_month);
    let signed_usd = |v: f64| {
        let s = fmt_usd(v.abs());
        if v.abs() < 0.5 {
            "0".to_string()
        } else if v > 0.0 {
            format!("+{s}")
        } else {
            format!("-{s}")
        }
    };
    // A row of plain numbers: A, B and B - A with `digits` decimals and a unit.
    let num = |key: &'static str,
               label: &'static str,
               (x, y, dd): (f64, f64, f64),
               digits: usize,
               unit: &str| {
        let f = |v: f64| format!("{v:.digits$}{unit}");
        (
            key,
            label,
            f(x),
            f(y),
            format!("{}{unit}", signed(dd, digits)),
        )
    };
    let rows: Vec<(&str, &str, String, String, String)> = vec![
        (
            "p50",
            "p50",
            fmt_ms(a.p50_ms, t),
            fmt_ms(b.p50_ms, t),
            format!("{} ms", signed(d.p50_ms, 1)),
        ),
        (
            "p99",
            "p99",
            fmt_ms(a.p99_ms, t),
            fmt_ms(b.p99_ms, t),
            format!("{} ms", signed(d.p99_ms, 1)),
        ),
        num(
            "errors",
            t.errors,
            (a.error_pct, b.error_pct, d.error_pct),
            2,
            " %",
        ),
        num(
            "good",
            t.cmp_good,
            (a.good_pct, b.good_pct, d.good_pct),
            2,
            " %",
        ),
        num(
            "throughput",
            t.ok,
            (a.throughput_rps, b.throughput_rps, d.throughput_rps),
            0,
            "/s",
        ),
        (
            "cost",
            t.design_cost,
            usd(a.monthly_usd),
            usd(b.monthly_usd),
            signed_usd(d.monthly_usd),
        ),
        (
            "capacity",
            t.design_capacity,
            cap(a.capacity_rps),
            cap(b.capacity_rps),
            d.capacity_rps
                .map_or("–".into(), |v| format!("{}/s", signed(v, 0))),
        ),
        (
            "bottleneck",
            t.design_bottleneck,
            a.bottleneck
                .as_deref()
                .map(|n| t.named(n).into_owned())
                .unwrap_or("–".into()),
            b.bottleneck
                .as_deref()
                .map(|n| t.named(n).into_owned())
                .unwrap_or("–".into()),
            String::new(),
        ),
    ];
    html! {
        <div class="delta">
            <table class="delta-table">
                <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "A" }</th><th scope="col">{ "B" }</th><th scope="col">{ "B − A" }</th></tr></thead>
                <tbody>
                { for rows.into_iter().map(|(key, label, x, y, dd)| html! {
                    <tr data-row={key}><th scope="row">{ label }</th><td>{ x }</td><td>{ y }</td><td class="delta-cell">{ dd }</td></tr>
                }) }
                </tbody>
            </table>
            <p class="verdict" data-metric="verdict">{ sentence(c, trouble, t) }</p>
        </div>
    }
}

/// What B changes, in the interface's language: p99, cost, and whether it holds when A fails.
fn sentence(c: &Comparison, trouble: &str, t: &Text) -> String {
    let d = &c.delta;
    let mut parts = vec![
        if d.p99_ms.abs() < 0.5 {
            t.cmp_same_p99.to_string()
        } else {
            (t.cmp_p99)(&format!("{} ms", signed(d.p99_ms, 0)))
        },
        if d.monthly_usd.abs() < 0.5 {
            t.cmp_same_cost.to_string()
        } else {
            let s = fmt_usd(d.monthly_usd.abs());
            (t.cmp_cost)(&format!(
                "{}{s}",
                if d.monthly_usd > 0.0 { "+" } else { "-" }
            ))
        },
    ];
    // Under 1 % of requests failing, a design holds.
    let holds = |pct: f64| pct < 1.0;
    match (holds(c.a.error_pct), holds(c.b.error_pct)) {
        (false, true) if !trouble.is_empty() => parts.push((t.cmp_survives)(trouble)),
        (true, false) if !trouble.is_empty() => parts.push((t.cmp_fails_under)(trouble)),
        (false, true) => parts.push(t.cmp_holds.to_string()),
        (true, false) => parts.push(t.cmp_fails.to_string()),
        (false, false) => parts.push((t.cmp_errors)(c.a.error_pct, c.b.error_pct)),
        (true, true) => {}
    }
    format!("B: {}", parts.join(", "))
}

/// A link that opens this comparison: both designs in the fragment.
pub fn comparison_link(a: &Scenario, b: &Scenario) -> String {
    format!(
        "{}#{}{}&{}{}",
        crate::filebar::base_url(),
        crate::share::KEY,
        crate::share::encode(a),
        crate::share::COMPARE_KEY,
        crate::share::encode(b)
    )
}

/// The iframe snippet that embeds this comparison (`?embed`, both designs in the fragment).
pub fn comparison_embed_code(a: &Scenario, b: &Scenario) -> String {
    let title = format!("{} / {}", a.name, b.name)
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let src = comparison_link(a, b).replacen('#', "?embed#", 1);
    format!("<iframe src=\"{src}\" title=\"Scaleboard: {title}\" width=\"960\" height=\"640\"></iframe>")
}

/// A link that opens `edited` in the editor as side B (`side_b`) or A of a comparison with
/// `other`, which the run dock offers to go back to.
pub fn editing_link(edited: &Scenario, other: &Scenario, side_b: bool) -> String {
    format!(
        "{}&{}{}",
        comparison_link(edited, other),
        crate::share::EDIT_KEY,
        if side_b { "b" } else { "a" }
    )
}

/// Opens the comparison of `a` with `b` in this tab.
pub fn open_comparison(a: &Scenario, b: &Scenario) {
    crate::dom::go(&comparison_link(a, b));
}

#[derive(Properties, PartialEq)]
struct SideProps {
    label: AttrValue,
    doc: Rc<Scenario>,
    live: Option<Rc<Snapshot>>,
    /// The component selected on this side, or none.
    on_select: Callback<Option<String>>,
}

/// One design: its canvas (select, pan, zoom; not edited here) with the run's colours.
#[function_component(Side)]
fn side(props: &SideProps) -> Html {
    let state = {
        let doc = props.doc.clone();
        use_reducer(move || {
            let mut s = State::new((*doc).clone(), None);
            s.ed.read_only = true;
            s
        })
    };
    let canvas = use_node_ref();
    let uid = use_memo((), |_| next_uid());
    use_canvas_size(&state, &canvas, None);
    let one = (state.ed.selection.len() == 1)
        .then(|| state.ed.selection.iter().next().cloned())
        .flatten();
    {
        let on_select = props.on_select.clone();
        use_effect_with(one, move |id| on_select.emit(id.clone()));
    }
    let t = i18n::use_text();
    html! {
        <section class="compare-side" aria-label={format!("{}: {}", props.label, shown_title(t.lang, &props.doc.name))} data-side={props.label.clone()}>
            <h2><span class="side-badge">{ props.label.clone() }</span>{ shown_title(t.lang, &props.doc.name) }</h2>
            <div class="canvas-wrap">
                <Canvas state={state.clone()} node_ref={canvas} uid={AttrValue::from((*uid).clone())} live={props.live.clone()} />
                <Toolbar state={state.clone()} embed=true />
            </div>
        </section>
    }
}
