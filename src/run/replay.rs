//! Scrubbing a run back and forth: the timeline under the charts (a range input, so keys and
//! assistive technology work as for any slider, with the faults as markers above it that can
//! be dragged to another time), and the picture of one past moment that the canvas and the
//! numbers show while it is scrubbed to.

use std::rc::Rc;

use scaleboard_sim::{NodeSnapshot, Snapshot, Window};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::i18n;

/// The run as it was during `w`, shaped like a snapshot so the canvas and the numbers draw it
/// as they draw the present: each node's state, utilisation, queue and rates over that window.
/// `like` is a snapshot of the same run, for what a window does not hold (ids, kinds, roles).
pub fn moment_snapshot(w: &Window, like: &Snapshot) -> Snapshot {
    let span_s = ((w.end_ms - w.start_ms) / 1000.0).max(f64::MIN_POSITIVE);
    let nodes = like
        .nodes
        .iter()
        .zip(&w.nodes)
        .map(|(n, nw)| NodeSnapshot {
            id: n.id.clone(),
            kind: n.kind,
            up: nw.up,
            // An autoscaler's copy that served nothing then was out of rotation.
            parked: n.parked && nw.arrivals == 0,
            busy: 0,
            queue_len: nw.queue_len.round() as u64,
            utilization: nw.utilization,
            utilization_window: nw.utilization,
            arrival_rps_window: nw.arrivals as f64 / span_s,
            refused_rps_window: nw.refused as f64 / span_s,
            arrivals: nw.arrivals,
            arrival_rps: nw.arrivals as f64 / span_s,
            mean_in_system: nw.queue_len,
            mean_sojourn_ms: 0.0,
            hit_ratio: nw.hit_ratio,
            // Not kept per window: a replayed window shows none.
            throttled: 0,
            shed: 0,
            replication_lag_ms: nw.replication_lag_ms,
            role: n.role,
            // A window keeps no queue measurements: no theory comparison for a past moment.
            queueing: None,
        })
        .collect();
    Snapshot {
        now_ms: w.end_ms,
        measured_ms: w.end_ms - w.start_ms,
        counts: w.counts,
        throughput_rps: w.counts.ok as f64 / span_s,
        error_ratio: w.counts.error_ratio(),
        good_ratio: w.good_ratio,
        latency: w.latency,
        latency_all: w.latency_all,
        nodes,
        // Not kept per window: a past moment draws no wire state rather than the present one.
        wires: Vec::new(),
        ..like.clone()
    }
}

/// What the canvas and the numbers draw of a run: the moment scrubbed to, if any, else the run
/// now; nothing before the first step (the canvas stays plain, as before Play).
pub fn shown(m: &super::engine::Mirror) -> Option<Rc<Snapshot>> {
    let now = m.snapshot.clone().filter(|_| m.now_ms > 0.0)?;
    match &m.moment {
        Some((_, w)) => Some(Rc::new(moment_snapshot(w, &now))),
        None => Some(now),
    }
}

/// What the timeline's `on_seek` does, for one run or two: a moment pauses and asks for that
/// moment (`moment`, in ms); `None` goes back to now (`go_live`).
pub fn seek(
    moment: impl Fn(f64) + 'static,
    playing: UseStateHandle<bool>,
    scrub: UseStateHandle<Option<f64>>,
    go_live: Callback<()>,
) -> Callback<Option<f64>> {
    Callback::from(move |at: Option<f64>| match at {
        Some(at_s) => {
            playing.set(false);
            scrub.set(Some(at_s));
            moment(at_s * 1000.0);
        }
        None => go_live.emit(()),
    })
}

/// A fault on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// When [s of simulated time].
    pub at_s: f64,
    /// What it does, in words.
    pub label: String,
    /// Its index in the document's faults, if it is one (it can be dragged); `None` for one
    /// injected during this run.
    pub fault: Option<usize>,
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// How far the run has got [s of simulated time].
    pub end_s: f64,
    /// The moment shown, or `None` for now.
    pub cursor_s: Option<f64>,
    /// One window [s]: a key press steps this far.
    pub step_s: f64,
    pub markers: Vec<Marker>,
    /// Show this moment (`None`: now).
    pub on_seek: Callback<Option<f64>>,
    /// The document's fault at this index moves to this time [s].
    pub on_move: Callback<(usize, f64)>,
    /// Run again from the start to this moment with the document as it is now, then play.
    pub on_run_from: Callback<f64>,
    /// Play or pause (Space on the timeline).
    pub on_toggle: Callback<()>,
    /// A link that opens this design at this moment [s].
    pub on_link: Callback<f64>,
}

/// Where along the timeline a pointer is, as a time [s]: `el`'s box spans 0 .. `span_s`.
fn time_at(el: &Element, client_x: f64, span_s: f64) -> f64 {
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 {
        return 0.0;
    }
    ((client_x - r.left()) / r.width()).clamp(0.0, 1.0) * span_s
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let t = i18n::use_text();
    let strip = use_node_ref();
    // A marker being dragged: its index and where it would land [s].
    let dragging = use_state(|| None::<(usize, f64)>);
    let end_s = props.end_s.max(props.step_s);
    let at_s = props.cursor_s.unwrap_or(props.end_s).clamp(0.0, end_s);
    // The timeline spans whole windows [s]. A range input rounds its value to a whole step from
    // `min`, so with a live clock of 7.8 s and 1 s steps its thumb sits at 7 of 7.8 (Firefox draws
    // exactly that, 10 % short of "now"); ending on the last whole window puts "now" at the end in
    // every engine, and the strip's cursor and markers share that scale.
    let span_s = ((end_s / props.step_s + 1e-9).floor() * props.step_s).max(props.step_s);
    let oninput = {
        let on_seek = props.on_seek.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.value().parse::<f64>().ok())
            {
                on_seek.emit(Some(v));
            }
        })
    };
    let onkeydown = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == " " {
                e.prevent_default();
                on_toggle.emit(());
            }
        })
    };
    let percent = |s: f64| format!("{:.3}%", (s / span_s).clamp(0.0, 1.0) * 100.0);
    let markers: Vec<Html> = props.markers.iter().enumerate().map(|(i, m)| {
        let x = match *dragging {
            Some((f, s)) if m.fault == Some(f) => s,
            _ => m.at_s,
        };
        let onpointerdown = {
            let (dragging, fault) = (dragging.clone(), m.fault);
            Callback::from(move |e: PointerEvent| {
                let Some(f) = fault else { return };
                e.prevent_default();
                e.stop_propagation();
                if let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                dragging.set(Some((f, x)));
            })
        };
        let onpointermove = {
            let (dragging, strip) = (dragging.clone(), strip.clone());
            Callback::from(move |e: PointerEvent| {
                let (Some((f, _)), Some(el)) = (*dragging, strip.cast::<Element>()) else {
                    return;
                };
                // Whole tenths of a second: a fault's time is written in the document.
                let s = (time_at(&el, f64::from(e.client_x()), span_s) * 10.0).round() / 10.0;
                dragging.set(Some((f, s)));
            })
        };
        let onpointerup = {
            let (dragging, on_move) = (dragging.clone(), props.on_move.clone());
            Callback::from(move |_: PointerEvent| {
                if let Some((f, s)) = *dragging {
                    on_move.emit((f, s));
                }
                dragging.set(None);
            })
        };
        let onpointercancel = {
            let dragging = dragging.clone();
            Callback::from(move |_: PointerEvent| dragging.set(None))
        };
        let title = match m.fault {
            Some(_) => (t.replay_marker_drag)(&m.label, &t.secs(x, 1)),
            None => format!("{} ({})", m.label, t.secs(x, 1)),
        };
        html! {
            <g key={i} class={classes!("marker", m.fault.is_some().then_some("movable"))} data-at={format!("{x:.1}")}
               {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
                <title>{ title }</title>
                <line x1={percent(x)} x2={percent(x)} y1="2" y2="22" />
                <circle cx={percent(x)} cy="7" r="6" />
            </g>
        }
    }).collect();
    let live = props.cursor_s.is_none();
    let go_live = {
        let on_seek = props.on_seek.clone();
        Callback::from(move |_| on_seek.emit(None))
    };
    let run_from = {
        let (on_run_from, at) = (props.on_run_from.clone(), at_s);
        Callback::from(move |_| on_run_from.emit(at))
    };
    let link = {
        let (on_link, at) = (props.on_link.clone(), at_s);
        Callback::from(move |_| on_link.emit(at))
    };
    let position = (t.replay_at)(&t.secs(at_s, 1), &t.secs(props.end_s, 1));
    html! {
        <div class={classes!("timeline", (!live).then_some("scrubbed"))} role="group" aria-label={t.replay}>
            <span class="label">{ t.replay }</span>
            <div class="track">
                <svg class="strip" ref={strip.clone()} aria-hidden="true">
                    <line class="cursor" x1={percent(at_s)} x2={percent(at_s)} y1="0" y2="24" />
                    { for markers }
                </svg>
                <input type="range" min="0" max={format!("{span_s}")} step={format!("{}", props.step_s)}
                       value={format!("{}", at_s.min(span_s))} aria-label={t.replay_moment} aria-valuetext={position.clone()}
                       {oninput} {onkeydown} />
            </div>
            <span class="at" data-metric="replay-at">{ position }</span>
            if live {
                <span class="live-badge">{ t.replay_live }</span>
            } else {
                <button type="button" onclick={go_live}>{ t.replay_back_to_live }</button>
                <button type="button" onclick={run_from} title={t.replay_run_from_tip}>{ t.replay_run_from }</button>
            }
            <button type="button" class="link" onclick={link} title={t.replay_link_tip}>{ t.replay_link }</button>
        </div>
    }
}
