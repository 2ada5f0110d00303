//! The run dock under the canvas: play/pause/step/reset, speed, seed, traffic and failure
//! injection, the live numbers and the charts. The simulation lives outside Yew's state, in the
//! engine's worker or on the page (`engine.rs`); the views refresh at about 10 Hz, which is as
//! fast as people can read numbers.

use std::cell::Cell;
use std::rc::Rc;

use scaleboard_sim::cli::parse_duration_ms;
use scaleboard_sim::live::{classify, Change};
use scaleboard_sim::run::Speed;
use scaleboard_sim::{Action, Fault, Kind, Scenario, Snapshot, Window};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::charts::Mark;
use super::engine::{Engine, Event as EngineEvent, Place};
use super::frames::{self, FrameLoop};
use super::labels::fault_label;
use super::numbers::Numbers;
use super::series;
use super::traffic::Traffic;
use crate::i18n::{self, Text};

/// Speeds offered in the run controls, slowest first.
pub const SPEEDS: &[(&str, Speed)] = &[
    ("x0.25", Speed::Times(0.25)),
    ("x0.5", Speed::Times(0.5)),
    ("x1", Speed::Times(1.0)),
    ("x2", Speed::Times(2.0)),
    ("x5", Speed::Times(5.0)),
    ("x10", Speed::Times(10.0)),
    ("x25", Speed::Times(25.0)),
    ("x100", Speed::Times(100.0)),
    ("max", Speed::Max),
];

/// Wall time between two refreshes of the numbers and charts [ms].
const VIEW_EVERY_MS: f64 = 100.0;
/// The speed a run starts at: real time.
const DEFAULT_SPEED: usize = 2;
/// Service-time factor of the "Slow down" button.
pub const SLOW_FACTOR: f64 = 4.0;

#[derive(Properties, PartialEq)]
pub struct RunDockProps {
    /// The editor's document now.
    pub doc: Rc<Scenario>,
    /// Selected node and data center, the targets of Fail / Outage.
    pub selected_node: Option<String>,
    pub selected_dc: Option<String>,
    /// The selected wire's ends, for its faults (cut, restore, delay).
    #[prop_or_default]
    pub selected_wire: Option<(String, String)>,
    /// The latest snapshot, for colouring the canvas; `None` when nothing runs.
    pub on_snapshot: Callback<Option<Rc<Snapshot>>>,
    /// Record an injected fault in the document, so a drill replays exactly.
    pub on_record: Callback<Vec<Fault>>,
    /// A lesson's drill to run from zero: its faults at the lesson's times [s]. A new
    /// request has a new number; the dock starts playing if it was not.
    #[prop_or_default]
    pub drill: Option<Rc<(u32, Vec<Fault>)>>,
    /// The document's fault list edited (a scheduled fault removed, or all of them).
    #[prop_or_default]
    pub on_faults: Callback<Vec<Fault>>,
    /// A new seed typed by the user.
    pub on_seed: Callback<u64>,
    /// Start playing at once (embeds, `?autoplay`).
    #[prop_or_default]
    pub autoplay: bool,
    /// Whether the dock's embed is on the reader's screen (`embed::in_view`), when that is
    /// watched: then `autoplay` waits until it is, and a run it started pauses when it leaves
    /// and plays again when it is back (a run the reader paused stays paused).
    #[prop_or_default]
    pub in_view: Option<bool>,
    /// `in_view` is being watched: `autoplay` waits for it.
    #[prop_or_default]
    pub lazy: bool,
    /// Point at a node (select it on the canvas): a problem that keeps the design from running.
    #[prop_or_default]
    pub on_select: Callback<String>,
    /// A moment to open at (`?t=` of a bookmark): run there at once and pause. Parsed here,
    /// so a bad one is said in the dock.
    #[prop_or_default]
    pub start_at: Option<AttrValue>,
    /// The other design of a comparison this one is edited from, and whether this one is B.
    #[prop_or_default]
    pub partner: Option<(Rc<Scenario>, bool)>,
    /// Presenter mode: the element the large live tiles and the chart strip are drawn into
    /// (beside the diagram); `None` when not presenting.
    #[prop_or_default]
    pub presenter: Option<NodeRef>,
    /// A presenter key's request, with a fresh number per press (as `drill`).
    #[prop_or_default]
    pub remote: Option<Rc<(u32, super::remote::Remote)>>,
    /// A request for the run's windows over a span, whatever the speed: its number and the
    /// span `[from, to)` [ms] (a lesson's prediction, told after its drill). Held again by
    /// every run the dock loads while it stands; answered once per number.
    #[prop_or_default]
    pub watch: Option<(u32, f64, f64)>,
    /// The answer, once the span is complete: the request's number and its windows (system
    /// figures only).
    #[prop_or_default]
    pub on_watched: Callback<(u32, Rc<Vec<Window>>)>,
    /// An embed's `controls=` list, as written: only those controls, in a compact bar
    /// (`embed::bar`), instead of the dock's rows; `None` for the whole dock.
    #[prop_or_default]
    pub controls: Option<AttrValue>,
    /// The host page of an embed with `?api` (`embed::api`): told of ticks, faults applied and
    /// commands refused.
    #[prop_or_default]
    pub host: Option<crate::embed::api::HostLink>,
    /// A traced request's path to light on the canvas; `None` when no trace is open.
    #[prop_or_default]
    pub on_trace: Callback<Option<Rc<crate::trace::path::Lit>>>,
}

pub fn new_fault(action: Action) -> Fault {
    Fault {
        at_s: 0.0,
        action,
        node: None,
        dc: None,
        factor: None,
        rate_rps: None,
        duration_s: None,
        from: None,
        to: None,
        delay_ms: None,
    }
}

/// The users node traffic controls act on: the selected one, else the first.
fn users_node<'a>(doc: &'a Scenario, selected: Option<&str>) -> Option<&'a scaleboard_sim::Node> {
    selected
        .and_then(|id| doc.node(id))
        .filter(|n| n.kind == Kind::Users)
        .or_else(|| doc.nodes.iter().find(|n| n.kind == Kind::Users))
}

#[function_component(RunDock)]
pub fn run_dock(props: &RunDockProps) -> Html {
    // The engine, in its worker or on the page; the views draw what it last reported.
    let engine = use_memo((), |_| Engine::start());
    let tracing = crate::trace::asks::use_tracing(&engine, props.on_trace.clone());
    let lang = i18n::use_lang();
    let t = i18n::text(lang);
    // Numbers and charts folded away, for a bigger canvas in front of a room: as last left on
    // this screen, folded at first on a phone (the diagram needs the height there).
    let folded = use_state(|| !crate::layout::starts_open("charts", true));
    // The traffic controls' spike, kept here so presenter mode's S sends the same one.
    let spike = use_state(|| super::traffic::DEFAULT_SPIKE);
    let playing = use_state(|| false);
    let speed = use_state(|| DEFAULT_SPEED);
    let problem = use_state(|| None::<String>);
    let pending = use_state(|| false);
    // The note that the engine runs on the page, until put away.
    let place_seen = use_state(|| false);
    let redraw = use_force_update();
    // The moment the timeline is scrubbed to [s], or `None` for now; and a link to a moment
    // just copied, shown for copying by hand.
    let scrub = use_state(|| None::<f64>);
    let moment_link = use_state(|| None::<String>);
    let frames_seen = use_mut_ref(|| (0_u32, 0.0_f64, 0.0_f64));
    // What keeps this design from running, if anything: Play waits, and says why in the user's
    // own names, each problem pointing at its node.
    // Validation only (the engine is not built): a drag changes the document on every step.
    let blockers = use_memo(props.doc.clone(), |doc| scaleboard_sim::validate(doc));
    // An embed's locked controls, checked against this design. A figure that does not start by
    // itself (or opens paused at `?t=`) gets Play even where the list leaves it out.
    let autoplays = props.autoplay && props.start_at.is_none();
    let locked = use_memo(
        (props.controls.clone(), props.doc.clone()),
        move |(list, doc)| {
            list.as_ref()
                .map(|l| Rc::new(scaleboard_sim::controls::parse(l, doc, autoplays)))
        },
    );

    // (Re)start from the current document: Reset, first mount, a reseed, "restart with changes".
    // It plays on if it played; a design that cannot run stops.
    let reset = {
        let (engine, problem, pending, doc, on_snapshot, redraw, playing) = (
            engine.clone(),
            problem.clone(),
            pending.clone(),
            props.doc.clone(),
            props.on_snapshot.clone(),
            redraw.clone(),
            playing.clone(),
        );
        // The blockers were found for this very document.
        let runs = blockers.is_empty();
        let (watch, host, tracing) = (props.watch, props.host.clone(), tracing.clone());
        Callback::from(move |_: ()| {
            if let Some(h) = &host {
                h.new_run();
            }
            // A trace belongs to the run it was taken from.
            tracing.close();
            // Shown as the list of blockers beside a disabled Play, not as an error here.
            engine.load(&doc, runs);
            if let (Some((_, from_ms, to_ms)), true) = (watch, runs) {
                engine.hold(from_ms, to_ms);
            }
            if !runs {
                playing.set(false);
            }
            problem.set(None);
            pending.set(false);
            on_snapshot.emit(None);
            redraw.force_update();
        })
    };

    // The watch request last answered, so each is answered once.
    let watch_answered = use_mut_ref(|| None::<u32>);
    // What the engine reports: a new picture, faults it applied (recorded in the document, so
    // a drill replays exactly), a problem, or that it now runs on the page.
    {
        let (on_snapshot, on_record, problem, redraw, reset) = (
            props.on_snapshot.clone(),
            props.on_record.clone(),
            problem.clone(),
            redraw.clone(),
            reset.clone(),
        );
        let (watch, on_watched) = (props.watch, props.on_watched.clone());
        let (host, tracing) = (props.host.clone(), tracing.clone());
        let mirror_of = engine.clone();
        engine.set_handler(move |event| match event {
            // A new picture of the run, or of the moment scrubbed to: that one is drawn until
            // the timeline goes back to now.
            EngineEvent::Frame | EngineEvent::Moment => {
                // Before the first step the canvas stays plain, as before Play.
                let snap = super::replay::shown(&mirror_of.mirror());
                on_snapshot.emit(snap);
                if let (Some(h), EngineEvent::Frame) = (&host, &event) {
                    h.frame(&mirror_of.mirror());
                }
                let held = mirror_of.mirror().held.clone();
                if let (Some((n, ..)), Some(held)) = (watch, held) {
                    if *watch_answered.borrow() != Some(n) {
                        *watch_answered.borrow_mut() = Some(n);
                        on_watched.emit((n, held));
                    }
                }
                redraw.force_update();
            }
            EngineEvent::Applied(faults) => {
                problem.set(None);
                if !faults.is_empty() {
                    on_record.emit(faults);
                }
            }
            EngineEvent::Problem(message) => problem.set(Some(message)),
            EngineEvent::Trace { ask, trace, note } => tracing.heard(&ask, trace, note),
            EngineEvent::FellBack(restart) => {
                if restart {
                    reset.emit(());
                }
                redraw.force_update();
            }
        });
    }
    {
        let (reset, playing) = (reset.clone(), playing.clone());
        let autoplay = props.autoplay && !props.lazy;
        let (engine, problem, start_at) = (engine.clone(), problem.clone(), props.start_at.clone());
        use_effect_with((), move |_| {
            reset.emit(());
            // A bookmarked moment: run there at full speed and pause, whatever `autoplay` says.
            match start_at.as_deref().map(|t| (t, parse_duration_ms(t))) {
                Some((_, Ok(t_ms))) if engine.mirror().scenario.is_some() => engine.run_until(t_ms),
                Some((_, Ok(_))) => {}
                Some((raw, Err(_))) => problem.set(Some((t.bad_moment)(raw))),
                None if autoplay => playing.set(true),
                None => {}
            }
        });
    }

    // Lazy start: an autoplaying embed plays once on screen and pauses off it; only a run it
    // paused itself comes back (the reader's Pause is theirs), and never over a `?t=` moment.
    {
        let playing = playing.clone();
        let wanted = props.autoplay && props.lazy && props.start_at.is_none();
        // (started, paused by leaving the screen)
        let lazy = use_mut_ref(|| (false, false));
        use_effect_with(props.in_view, move |seen| {
            let mut l = lazy.borrow_mut();
            match seen {
                Some(true) if wanted && (!l.0 || l.1) => {
                    *l = (true, false);
                    playing.set(true);
                }
                Some(false) if *playing => {
                    l.1 = true;
                    playing.set(false);
                }
                _ => {}
            }
        });
    }

    // Edits while a run exists: nothing, live, reseed, or ask to restart; never ignored.
    {
        let (engine, pending, reset) = (engine.clone(), pending.clone(), reset.clone());
        use_effect_with(props.doc.clone(), move |doc| {
            let change = {
                let m = engine.mirror();
                m.scenario
                    .as_ref()
                    .map(|s| (classify(s, doc, &m.injected), m.now_ms))
            };
            match change {
                None => reset.emit(()),
                Some((Change::Reseed, _)) => reset.emit(()),
                // A run that has not advanced yet has nothing to keep: restart it quietly
                // (New, Open, the first edits before Play) instead of offering to.
                Some((Change::Restart, now_ms)) if now_ms <= 0.0 => reset.emit(()),
                Some((Change::Restart, _)) => pending.set(true),
                Some((Change::None, _)) => engine.adopt(doc, &[]),
                Some((Change::Live(faults), _)) => engine.adopt(doc, &faults),
            }
        });
    }

    // A lesson's drill: the run starts again from zero (Reset) with the drill's faults at the
    // lesson's own times [s of simulated time], so what the lesson says happens at 20 s happens
    // when the clock reads 20 s; the faults are recorded in the document, so Reset replays them.
    {
        let (engine, problem, playing, redraw, reset) = (
            engine.clone(),
            problem.clone(),
            playing.clone(),
            redraw.clone(),
            reset.clone(),
        );
        use_effect_with(props.drill.as_ref().map(|d| d.0), {
            let (drill, doc) = (props.drill.clone(), props.doc.clone());
            move |_| {
                let Some(drill) = drill else { return };
                // The run replays the document's faults: a drill fault already there (a drill
                // run before, one of its faults since removed) is not scheduled twice.
                let new: Vec<Fault> = drill
                    .1
                    .iter()
                    .filter(|f| !doc.faults.contains(f))
                    .cloned()
                    .collect();
                reset.emit(());
                // No run: the design cannot run, and the dock already lists why.
                if engine.mirror().scenario.is_some() {
                    match engine.schedule(&new) {
                        Ok(()) => playing.set(true),
                        Err(e) => problem.set(Some(e)),
                    }
                }
                redraw.force_update();
            }
        });
    }

    // Play and pause, at the chosen speed.
    let speed_now = SPEEDS.get(*speed).map(|s| s.1).unwrap_or(Speed::Times(1.0));
    {
        let engine = engine.clone();
        use_effect_with((*playing, speed_now), move |(playing, speed)| {
            engine.play(playing.then_some(*speed));
        });
    }

    // The frame loop, while playing: the engine runs (on the page) or is asked for a picture
    // (in its worker) every frame, and the views refresh at about 10 Hz.
    {
        let (engine, frames_seen) = (engine.clone(), frames_seen.clone());
        use_effect_with(*playing, move |playing| {
            let looped: Option<FrameLoop> = playing.then(|| {
                let last = Cell::new(None::<f64>);
                let last_view = Cell::new(0.0_f64);
                frames::start(move |ts| {
                    let dt = last.get().map(|l| ts - l).unwrap_or(0.0);
                    last.set(Some(ts));
                    {
                        let mut fs = frames_seen.borrow_mut();
                        fs.0 += 1;
                        if ts - fs.1 >= 1000.0 {
                            fs.2 = f64::from(fs.0) * 1000.0 / (ts - fs.1);
                            *fs = (0, ts, fs.2);
                        }
                    }
                    engine.frame(dt);
                    if ts - last_view.get() >= VIEW_EVERY_MS {
                        last_view.set(ts);
                        engine.pull();
                    }
                })
            });
            move || drop(looped)
        });
    }

    // The node whose series the charts show.
    let node_index = props
        .selected_node
        .as_ref()
        .and_then(|id| props.doc.nodes.iter().position(|n| &n.id == id));
    {
        let engine = engine.clone();
        use_effect_with(node_index, move |i| engine.watch(*i));
    }

    // What the views show, as the engine last reported it.
    let mirror = engine.mirror();
    // Scrubbed back, the numbers show that moment's window; else the run now.
    let snap = mirror.scenario.as_ref().and(super::replay::shown(&mirror));
    let sys = series::system(mirror.windows.iter());
    let moment_point = mirror.moment.as_ref().map(|(_, w)| series::point(w));
    let marks: Vec<Mark> = mirror
        .scenario
        .as_ref()
        .map(|s| {
            mirror
                .fault_marks()
                .iter()
                .map(|f| (f.at_s, fault_label(s, f, t)))
                .collect()
        })
        .unwrap_or_default();
    // The timeline's markers: the document's faults (they can be dragged), then those injected
    // during this run that the document does not hold yet.
    let markers: Vec<super::replay::Marker> = mirror
        .scenario
        .as_ref()
        .map(|s| {
            let own = props
                .doc
                .faults
                .iter()
                .enumerate()
                .map(|(i, f)| super::replay::Marker {
                    at_s: f.at_s,
                    label: fault_label(s, f, t),
                    fault: Some(i),
                });
            let injected = mirror
                .injected
                .iter()
                .filter(|f| !props.doc.faults.contains(f))
                .map(|f| super::replay::Marker {
                    at_s: f.at_s,
                    label: fault_label(s, f, t),
                    fault: None,
                });
            own.chain(injected).collect()
        })
        .unwrap_or_default();
    let node_pts = match node_index {
        Some(i) if mirror.watched == u32::try_from(i).ok() => {
            series::watched(mirror.windows.iter())
        }
        _ => Vec::new(),
    };
    let has_run = mirror.scenario.is_some();
    let has_window = has_run && !sys.is_empty();
    let now_s = mirror.now_ms / 1000.0;
    let behind = has_run && mirror.behind;
    let limits = mirror
        .scenario
        .as_ref()
        .map(|s| super::numbers::Limits::of(s, t));
    let fps = frames_seen.borrow().2;
    // The locked bar's toggles read the run's faults so far (failed, out, slowed).
    let bar_marks = if locked.is_some() {
        mirror.fault_marks()
    } else {
        Vec::new()
    };
    drop(mirror);

    // Injections: applied to the run now and recorded in the document when the engine says
    // they were.
    // Scrubbed back to a moment, a fault is added to the document at that moment instead (on
    // the timeline, one undo step); Run from here plays it.
    let inject = {
        let (engine, problem, redraw) = (engine.clone(), problem.clone(), redraw.clone());
        let (scrub, on_faults, doc) = (*scrub, props.on_faults.clone(), props.doc.clone());
        Callback::from(move |mut f: Fault| {
            if let Some(at_s) = scrub {
                f.at_s = at_s;
                match scaleboard_sim::run::check_faults(&doc, std::slice::from_ref(&f)) {
                    Ok(()) => {
                        let mut all = doc.faults.clone();
                        all.push(f);
                        all.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
                        on_faults.emit(all);
                    }
                    Err(e) => problem.set(Some(e)),
                }
            } else if engine.mirror().scenario.is_none() {
                problem.set(Some(t.nothing_running.into()));
            } else if let Err(e) = engine.inject(&f) {
                problem.set(Some(e));
            } else {
                // Paused, no frame would come: show the fault's effect (a node down) now.
                engine.pull();
            }
            redraw.force_update();
        })
    };

    // Back to the run as it is now, from a moment scrubbed to.
    let go_live = {
        let (engine, scrub, on_snapshot, redraw) = (
            engine.clone(),
            scrub.clone(),
            props.on_snapshot.clone(),
            redraw.clone(),
        );
        Callback::from(move |_: ()| {
            scrub.set(None);
            engine.live();
            on_snapshot.emit(super::replay::shown(&engine.mirror()));
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
        let (engine, playing, go_live) = (engine.clone(), playing.clone(), go_live.clone());
        Callback::from(move |_| {
            go_live.emit(());
            playing.set(false);
            engine.step();
        })
    };
    let on_seek = {
        let engine_ = engine.clone();
        super::replay::seek(
            move |t_ms| engine_.moment(t_ms),
            playing.clone(),
            scrub.clone(),
            go_live.clone(),
        )
    };
    let on_move_fault = {
        let (on_faults, faults) = (props.on_faults.clone(), props.doc.faults.clone());
        Callback::from(move |(i, at_s): (usize, f64)| {
            let mut faults = faults.clone();
            if let Some(f) = faults.get_mut(i) {
                f.at_s = at_s.max(0.0);
                faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
                on_faults.emit(faults);
            }
        })
    };
    let on_run_from = {
        let (engine, playing, scrub, reset) = (
            engine.clone(),
            playing.clone(),
            scrub.clone(),
            reset.clone(),
        );
        Callback::from(move |at_s: f64| {
            scrub.set(None);
            reset.emit(());
            if engine.mirror().scenario.is_some() {
                engine.run_until(at_s * 1000.0);
                playing.set(true);
            }
        })
    };
    let on_link = {
        let (doc, moment_link) = (props.doc.clone(), moment_link.clone());
        Callback::from(move |at_s: f64| {
            let url = crate::filebar::moment_link(&doc, at_s);
            crate::export::copy(&url);
            moment_link.set(Some(url));
        })
    };
    let reset_button = {
        let (reset, playing) = (reset.clone(), playing.clone());
        Callback::from(move |_: ()| {
            playing.set(false);
            reset.emit(());
        })
    };
    let on_reset = reset_button.reform(|_: MouseEvent| ());
    let on_seed = {
        let (on_seed, problem) = (props.on_seed.clone(), problem.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                match input.value().trim().parse::<u64>() {
                    Ok(seed) => on_seed.emit(seed),
                    Err(_) => problem.set(Some((t.bad_seed)(u64::MAX, &input.value()))),
                }
            }
        })
    };

    let users = users_node(&props.doc, props.selected_node.as_deref());
    let traffic = users.map(|u| {
        let rate = rate_now(&engine, u);
        let on_problem = {
            let problem = problem.clone();
            Callback::from(move |p: Option<String>| problem.set(p))
        };
        html! { <Traffic users={u.clone()} {rate} on_inject={inject.clone()} {on_problem} spike={spike.clone()} /> }
    });

    let node_faults = props
        .selected_node
        .as_ref()
        .and_then(|id| props.doc.node(id))
        .filter(|n| n.kind != Kind::Users)
        .map(|n| {
            let button = |label: &'static str, action: Action, factor: Option<f64>| {
                let (inject, id) = (inject.clone(), n.id.clone());
                let onclick = Callback::from(move |_| {
                    let mut f = new_fault(action);
                    f.node = Some(id.clone());
                    f.factor = factor;
                    inject.emit(f);
                });
                html! { <button type="button" {onclick}>{ label }</button> }
            };
            html! {
                <fieldset class="faults">
                    <legend>{ (t.inject)(&t.named(&n.name)) }</legend>
                    { button(t.fail, Action::Fail, None) }
                    { button(t.recover, Action::Recover, None) }
                    { button(t.slow_down, Action::Slow, Some(SLOW_FACTOR)) }
                    { button(t.normal_speed, Action::Slow, Some(1.0)) }
                </fieldset>
            }
        });
    let dc_faults = props
        .selected_dc
        .as_ref()
        .and_then(|id| props.doc.data_centers.iter().find(|d| &d.id == id))
        .map(|d| {
            let button = |label: &'static str, action: Action| {
                let (inject, id) = (inject.clone(), d.id.clone());
                let onclick = Callback::from(move |_| {
                    let mut f = new_fault(action);
                    f.dc = Some(id.clone());
                    inject.emit(f);
                });
                html! { <button type="button" {onclick}>{ label }</button> }
            };
            html! {
                <fieldset class="faults">
                    <legend>{ (t.inject)(&t.named(&d.name)) }</legend>
                    { button(t.outage, Action::DcOutage) }
                    { button(t.restore, Action::DcRestore) }
                </fieldset>
            }
        });

    let wire_faults = props.selected_wire.as_ref().map(|(from, to)| {
        let on_problem = {
            let problem = problem.clone();
            Callback::from(move |p: Option<String>| problem.set(p))
        };
        html! {
            <super::wire_faults::WireFaults doc={props.doc.clone()} from={from.clone()} to={to.clone()}
                                            on_inject={inject.clone()} {on_problem} live={snap.clone()} />
        }
    });

    // A presenter key: what the matching button does, refused as the button would be.
    super::remote::use_remote(
        props.remote.clone(),
        super::remote::Targets {
            can_play: *playing || blockers.is_empty(),
            playing: *playing,
            has_run,
            blocked: blockers
                .first()
                .map(|d| in_words(d, &props.doc, i18n::text(i18n::Lang::En))),
            users: users.map(|u| u.id.clone()),
            node: props
                .selected_node
                .as_ref()
                .and_then(|id| props.doc.node(id))
                .filter(|n| n.kind != Kind::Users)
                .map(|n| n.id.clone()),
            dc: props.selected_dc.clone(),
            spike: *spike,
        },
        super::remote::Controls {
            toggle: toggle.clone(),
            inject: inject.clone(),
            reset: reset_button,
            speed: {
                let speed = speed.clone();
                Callback::from(move |i: usize| speed.set(i))
            },
            refused: {
                let host = props.host.clone();
                Callback::from(move |(id, why): (Option<serde_json::Value>, String)| {
                    if let Some(h) = &host {
                        h.problem(id, why);
                    }
                })
            },
        },
    );
    // Presenter mode: the large tiles and the strip, drawn beside the diagram from the same
    // figures as the numbers below.
    let presenter = props
        .presenter
        .as_ref()
        .and_then(|host| host.cast::<web_sys::Element>())
        .map(|host| {
            let live = html! {
                <crate::workshop::presenter::Live scenario={props.doc.clone()} limits={limits.clone()}
                    snapshot={snap.clone()} last={moment_point.or(sys.last().copied())}
                    sys={Rc::new(sys.clone())} marks={Rc::new(marks.clone())} />
            };
            create_portal(live, host)
        });

    // A window clicked on the latency chart: its slowest request (`None` while nothing runs,
    // and in an embed's locked bar, which offers no traces).
    let on_pick = (has_window && locked.is_none()).then(|| {
        let tracing = tracing.clone();
        Callback::from(move |end_ms: f64| {
            tracing.ask(scaleboard_sim::remote::TraceAsk::Slowest {
                window_end_ms: Some(end_ms),
            })
        })
    });
    let on_restart = {
        let reset = reset.clone();
        Callback::from(move |_| reset.emit(()))
    };
    let node_title = node_index
        .and_then(|i| props.doc.nodes.get(i))
        .map(|n| format!("{} ({})", t.named(&n.name), i18n::kind_label(lang, n.kind)))
        .unwrap_or_else(|| t.select_node.into());

    let blocked_why = blockers
        .first()
        .map(|d| (t.cannot_run)(&in_words(d, &props.doc, t)));
    let blocked_list = blocked_view(&blockers, &props.doc, &props.on_select, t);
    let full = locked.is_none();
    let bar = (*locked).as_ref().map(|locked| {
        let rate_of = |id: &str| props.doc.node(id).map_or(1.0, |u| rate_now(&engine, u));
        crate::embed::bar::view(
            &crate::embed::bar::Bar {
                locked,
                doc: &props.doc,
                playing: *playing,
                can_play: *playing || blockers.is_empty(),
                blocked_why: blocked_why.clone(),
                on_toggle: &toggle,
                on_reset: &on_reset,
                speed: &speed,
                now_s,
                marks: &bar_marks,
                rate_of: &rate_of,
                spike: *spike,
                on_inject: &inject,
            },
            t,
        )
    });
    let on_fold = {
        let folded = folded.clone();
        Callback::from(move |_| {
            if !crate::layout::is_phone() {
                crate::layout::remember("charts", *folded);
            }
            folded.set(!*folded)
        })
    };
    // Where the engine runs, for tests and the curious; why not in its worker, said once.
    let place = engine.place();
    let place_attr = match &place {
        Place::Starting => "starting",
        Place::Worker => "worker",
        Place::Page { .. } => "page",
    };
    let place_note = match place {
        Place::Page { why } if !why.is_empty() && !*place_seen => {
            let onclick = {
                let place_seen = place_seen.clone();
                Callback::from(move |_| place_seen.set(true))
            };
            html! {
                // The technical reason, for whoever debugs a host page, on hover.
                <p class="notice" role="status" data-notice="engine-on-page" title={why}>{ t.engine_on_page }{ " " }
                    <button type="button" class="link" {onclick}>{ t.dismiss }</button></p>
            }
        }
        _ => html! {},
    };
    html! {
        <section class={classes!("run-dock", folded.then_some("folded"))} aria-label={t.run} data-engine={place_attr}>
            { for bar }
            if full {
            <div class="run-controls">
                // A run still going (the design broke while it played) can always be paused.
                <button type="button" class="primary" onclick={toggle.reform(|_| ())} aria-pressed={playing.to_string()}
                        disabled={!*playing && !blockers.is_empty()} title={blocked_why.clone()}>{ if *playing { t.pause } else { t.play } }</button>
                <button type="button" onclick={step} title={blocked_why.clone().unwrap_or_else(|| t.step_tip.into())} disabled={!has_run && !blockers.is_empty()}>{ t.step }</button>
                <button type="button" onclick={on_reset}>{ t.reset }</button>
                { speed_picker(&speed, t) }
                <span class="clock" data-metric="clock" aria-label={t.sim_time}>{ format!("t = {}", t.secs(now_s, 1)) }</span>
                { if behind { html! { <span class="behind" title={t.behind_tip}>{ t.behind }</span> } } else { html! {} } }
                { if *playing { html! { <span class="fps" data-metric="fps">{ format!("{fps:.0} fps") }</span> } } else { html! {} } }
                <super::compare_menu::CompareMenu doc={props.doc.clone()} />
                <super::limit::FindLimit designs={vec![props.doc.clone()]} />
                <crate::record::Recorder name={props.doc.name.clone()} {now_s} playing={*playing} on_toggle={toggle.clone()}
                    can_run={blockers.is_empty()} with_node={node_index.is_some()} />
                { tracing.buttons(*playing, has_window, t) }
                <label class="seed" title={t.seed_tip}>{ t.seed.to_lowercase() }{ " " }<input type="number" min="0" step="1" value={props.doc.seed.to_string()} aria-label={t.seed} onchange={on_seed} /></label>
                <button type="button" class="fold" aria-expanded={(!*folded).to_string()} onclick={on_fold}>
                    { if *folded { t.show_charts } else { t.hide_charts } }
                </button>
            </div>
            }
            { place_note }
            { for presenter }
            { compare_notice(&props.doc, props.partner.as_ref(), t) }
            if full && has_run && now_s > 0.0 {
                <super::replay::Timeline end_s={now_s} cursor_s={*scrub} step_s={props.doc.window_ms / 1000.0}
                    {markers} {on_seek} on_move={on_move_fault} {on_run_from} on_toggle={toggle.clone()} {on_link} />
            }
            { if *pending { html! {
                <p class="notice" role="status">{ t.design_changed }
                    <button type="button" onclick={on_restart}>{ t.restart_changes }</button></p>
            } } else { html! {} } }
            { for problem.as_ref().map(|p| html! { <p class="notice bad" role="alert">{ p.clone() }</p> }) }
            { blocked_list }
            if full {
            <div class="run-inject">{ for traffic }{ for node_faults }{ for dc_faults }{ for wire_faults }</div>
            <super::schedule::Schedule doc={props.doc.clone()} on_faults={props.on_faults.clone()} />
            }
            if !*folded {
            <Numbers scenario={props.doc.clone()} limits={limits} snapshot={snap} last={moment_point.or(sys.last().copied())} />
            <super::chart_panel::ChartPanel sys={Rc::new(sys)} node_pts={Rc::new(node_pts)} marks={Rc::new(marks)} node_title={AttrValue::from(node_title)} cursor={*scrub} on_pick={on_pick} />
            }
            { tracing.panel(&props.doc, *playing) }
            { for moment_link.as_ref().map(|url| html! {
                <p class="notice" role="status">{ t.moment_link }{ " " }
                    <input class="copy" type="text" readonly=true value={url.clone()} aria-label={t.moment_link} /></p>
            }) }
        </section>
    }
}

/// A problem in the user's own words, each name as the canvas shows it in `t`'s language.
fn in_words(d: &scaleboard_sim::Diagnostic, doc: &Scenario, t: &Text) -> String {
    scaleboard_sim::explain::in_words_shown(d, doc, &|n| t.named(n).into_owned())
}

/// What keeps the design from running, one line a problem; a problem about a node is a button
/// that selects it. An empty canvas gets a hint instead of an error.
fn blocked_view(
    blockers: &[scaleboard_sim::Diagnostic],
    doc: &Scenario,
    on_select: &Callback<String>,
    t: &Text,
) -> Html {
    if blockers.is_empty() {
        return html! {};
    }
    if doc.nodes.is_empty() {
        return html! { <p class="notice" role="status">{ t.empty_design }</p> };
    }
    html! {
        <div class="notice bad blockers" role="alert">
            <p>{ t.cannot_run_yet }</p>
            <ul>
            { for blockers.iter().map(|d| {
                let words = in_words(d, doc, t);
                match scaleboard_sim::explain::node_of(d) {
                    Some(id) if doc.node(id).is_some() => {
                        let (on_select, id) = (on_select.clone(), id.to_string());
                        let id_attr = id.clone();
                        let onclick = Callback::from(move |_| on_select.emit(id.clone()));
                        html! { <li><button type="button" class="link" data-node={id_attr} {onclick} title={t.show_node}>{ words }</button></li> }
                    }
                    _ => html! { <li>{ words }</li> },
                }
            }) }
            </ul>
        </div>
    }
}

/// The arrival rate users node `u` sends now [requests/s]: the run's, else the document's.
fn rate_now(engine: &Engine, u: &scaleboard_sim::Node) -> f64 {
    // A users node without a rate runs at its kind's default, not at 1/s.
    run_rate(engine, &u.id)
        .or(u.rate_rps)
        .unwrap_or_else(|| scaleboard_sim::Params::of(u).rate_rps)
        .max(1.0)
}

/// The current arrival rate the run uses for users node `id` [requests/s].
fn run_rate(engine: &Engine, id: &str) -> Option<f64> {
    let m = engine.mirror();
    // The last rate change injected or scheduled so far wins; else the document's rate.
    m.fault_marks()
        .iter()
        .rev()
        .find(|f| {
            f.node.as_deref() == Some(id) && matches!(f.action, Action::SetRate | Action::Ramp)
        })
        .and_then(|f| f.rate_rps)
        .or_else(|| m.scenario.as_ref()?.node(id)?.rate_rps)
}

/// The speed control: a labelled choice of `SPEEDS`, `speed` the index chosen.
pub fn speed_picker(speed: &UseStateHandle<usize>, t: &Text) -> Html {
    let onchange = {
        let speed = speed.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                speed.set(sel.selected_index().max(0) as usize);
            }
        })
    };
    html! {
        <label>{ t.speed.to_lowercase() }{ " " }
            <select {onchange} aria-label={t.speed}>
                { for SPEEDS.iter().enumerate().map(|(i, (label, s))| html! {
                    <option selected={i == **speed}>{ if *s == Speed::Max { t.speed_max } else { *label } }</option>
                }) }
            </select>
        </label>
    }
}

/// Editing one design of a comparison: which, and the way back to it with this design as it is
/// now.
fn compare_notice(doc: &Rc<Scenario>, partner: Option<&(Rc<Scenario>, bool)>, t: &Text) -> Html {
    let Some((other, side_b)) = partner else {
        return html! {};
    };
    let onclick = {
        let (doc, other, side_b) = (doc.clone(), other.clone(), *side_b);
        Callback::from(move |_| {
            let (a, b) = if side_b {
                (&other, &doc)
            } else {
                (&doc, &other)
            };
            crate::compare_view::open_comparison(a, b);
        })
    };
    let side = if *side_b { "B" } else { "A" };
    html! {
        <p class="notice" role="status" data-notice="comparison">
            { (t.cmp_editing)(side, &crate::lesson::shown_title(t.lang, &other.name)) }{ " " }
            <button type="button" {onclick}>{ t.cmp_back }</button>
        </p>
    }
}
