//! What a running simulation adds to the diagram: each node tinted by its utilisation (calm ->
//! saturated), a failed node crossed out, a queue-length badge, and dots moving along the wires
//! whose number follows the request rate, red where the requests are failing.
//!
//! Pure functions of the engine's snapshot; colours live in static/style.css (the CSP forbids
//! inline styles), so utilisation is bucketed into classes `heat-0` .. `heat-5`.

use std::collections::HashMap;

use scaleboard_sim::edit::geometry::{wire_segments, NODE_W};
use scaleboard_sim::{NodeSnapshot, Scenario, Snapshot, Wire};
use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Utilisation buckets; the last one means saturated (>= 95 %).
const HEAT_BUCKETS: usize = 6;
/// Time one dot takes to cross a wire [s of wall time]; fixed so speed reads as direction only.
const DOT_CROSS_S: f64 = 1.6;
/// Most dots on one wire; beyond this more would only clutter.
const MAX_DOTS: usize = 6;

/// What the diagram shows of one node while a run is live.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeLive {
    /// Utilisation over the last closed window (0..1).
    pub utilization: f64,
    /// Serving requests (not failed, its data center up).
    pub up: bool,
    /// Requests waiting now.
    pub queue_len: u64,
    /// Requests that arrived in the last closed window, per second [requests/s].
    pub rate_rps: f64,
    /// Requests sent to it while down in the last closed window, per second [requests/s].
    pub refused_rps: f64,
}

/// The live state of every node by id, or an empty map when nothing runs.
pub fn by_id(snapshot: Option<&Snapshot>) -> HashMap<String, NodeLive> {
    let Some(s) = snapshot else {
        return HashMap::new();
    };
    s.nodes
        .iter()
        .map(|n: &NodeSnapshot| {
            let live = NodeLive {
                utilization: n.utilization_window,
                up: n.up,
                queue_len: n.queue_len,
                rate_rps: n.arrival_rps_window,
                refused_rps: n.refused_rps_window,
            };
            (n.id.clone(), live)
        })
        .collect()
}

/// The CSS class of a utilisation (0..1): `heat-0` calm .. `heat-5` saturated.
pub fn heat_class(utilization: f64) -> &'static str {
    const NAMES: [&str; HEAT_BUCKETS] =
        ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4", "heat-5"];
    let u = if utilization.is_finite() {
        utilization.clamp(0.0, 1.0)
    } else {
        0.0
    };
    // 0-20, 20-40, 40-60, 60-80, 80-95, 95+ %: the last step is where queues explode.
    let i = if u >= 0.95 {
        5
    } else {
        ((u / 0.2) as usize).min(4)
    };
    NAMES[i]
}

/// Dots on a wire carrying `rps` requests/s: none when idle, then one more per decade.
pub fn dot_count(rps: f64) -> usize {
    if !(rps.is_finite() && rps > 0.0) {
        return 0;
    }
    // 1 req/s -> 1 dot, 10 -> 2, 100 -> 3, ... capped.
    ((rps.log10().floor() as i64 + 1).max(1) as usize).min(MAX_DOTS)
}

/// Classes added to a node's `<g>` while running.
pub fn node_classes(live: Option<&NodeLive>) -> Classes {
    match live {
        None => Classes::new(),
        Some(l) if !l.up => classes!("live", "down"),
        Some(l) => classes!("live", heat_class(l.utilization)),
    }
}

/// Drawn inside a node's `<g>` (box coordinates): the "down" cross and the queue badge.
pub fn node_marks(live: Option<&NodeLive>, lang: Lang) -> Html {
    let Some(l) = live else { return html! {} };
    let t = i18n::text(lang);
    let down = (!l.up).then(|| {
        html! {
            <g class="down-mark" aria-hidden="true">
                <text class="down-label" x={fmt(NODE_W - 12.0)} y="16" text-anchor="end">{ t.down_mark }</text>
            </g>
        }
    });
    let badge = (l.queue_len > 0).then(|| {
        let text = compact(l.queue_len);
        // Wide enough for the digits at 11 px bold [px].
        let w = 10.0 + 7.0 * text.chars().count() as f64;
        html! {
            <g class="queue-badge" transform={format!("translate({} -10)", fmt(NODE_W - w - 6.0))}>
                <title>{ (t.waiting)(l.queue_len) }</title>
                <rect width={fmt(w)} height="18" rx="9" />
                <text x={fmt(w / 2.0)} y="13" text-anchor="middle">{ text }</text>
            </g>
        }
    });
    html! { <>{ for down }{ for badge }</> }
}

/// Moving dots on every wire, above the wires and below the nodes, except those `skip`s (the
/// wires a drag is moving: their ends change on every pointer move).
pub fn wire_dots(
    doc: &Scenario,
    live: &HashMap<String, NodeLive>,
    skip: &dyn Fn(&Wire) -> bool,
) -> Html {
    if live.is_empty() {
        return html! {};
    }
    // A node's arrivals are shared among the wires into it.
    let mut fan_in: HashMap<&str, usize> = HashMap::new();
    for w in &doc.wires {
        *fan_in.entry(w.to.as_str()).or_default() += 1;
    }
    html! {
        <g class="flow" aria-hidden="true">
            { for doc.wires.iter().zip(wire_segments(doc)).filter_map(|(w, ends)| {
                if skip(w) {
                    return None;
                }
                let target = live.get(&w.to)?;
                let source_up = live.get(&w.from).is_none_or(|s| s.up);
                let share = fan_in.get(w.to.as_str()).copied().unwrap_or(1).max(1) as f64;
                // A dead target fails what is still sent to it (until health checks or DNS
                // answers move the traffic away): those requests are the red dots.
                let rps = if target.up { target.rate_rps } else { target.refused_rps } / share;
                let dots = if source_up { dot_count(rps) } else { 0 };
                if dots == 0 {
                    return None;
                }
                let (a, b) = ends?;
                let path = format!("M {} {} L {} {}", fmt(a.x), fmt(a.y), fmt(b.x), fmt(b.y));
                let class = if target.up { "dot" } else { "dot error" };
                Some(html! {
                    <g key={format!("{}>{}", w.from, w.to)} data-from={w.from.clone()} data-to={w.to.clone()} data-dots={dots.to_string()}>
                        { for (0..dots).map(|i| html! {
                            <circle class={class} r="4">
                                <animateMotion dur={format!("{DOT_CROSS_S}s")} repeatCount="indefinite"
                                               begin={format!("{:.2}s", -(i as f64) * DOT_CROSS_S / dots as f64)}
                                               path={path.clone()} />
                            </circle>
                        }) }
                    </g>
                })
            }) }
        </g>
    }
}

/// 1234 -> "1.2k", 2_500_000 -> "2.5M".
pub fn compact(n: u64) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=999_999 => format!("{:.1}k", n as f64 / 1e3),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

fn fmt(v: f64) -> String {
    format!("{:.2}", v)
}
