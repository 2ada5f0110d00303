//! What a wire shows beyond its line, so a learner sees a link's state and defences at a
//! glance: its breaker open (red, "OPEN") or half-open (amber, "half-open"), cut by a fault
//! (dashed, a cut mark, "cut"), a fault's added delay ("+50 ms"), and its defences ("↻2 ≤10% ⊘":
//! its retries, its retry budget, a breaker even while closed; in words in its tooltip). Each
//! state is said in words, never by colour alone.
//! A pure function of the wire and the run's snapshot of it; drawn by `diagram.rs`.

use std::collections::HashMap;

use scaleboard_sim::edit::geometry::wire_segments;
use scaleboard_sim::edit::Point;
use scaleboard_sim::{BreakerState, Scenario, Snapshot, Wire, WireSnapshot};
use yew::prelude::*;

use crate::i18n::Text;

/// A wire tag's font size [px]; must match `.wire-tag text` in static/style.css.
const TAG_PX: f64 = 12.0;
/// A tag's height, and its padding left and right of the text [px].
const TAG_H: f64 = 17.0;
const TAG_PAD: f64 = 4.0;

/// The marks of one wire. `Default`: a plain wire.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WireMarks {
    /// Its breaker, when open or half-open (closed draws nothing extra).
    pub breaker: Option<BreakerState>,
    /// Cut by a fault: nothing sent over it arrives.
    pub cut: bool,
    /// Delay a fault added, each way [ms]; 0 when none.
    pub added_ms: f64,
    /// Its call policy's retries and timeout [ms].
    pub policy: Option<(u32, f64)>,
    /// Its call policy's retry budget: retries at most this fraction of calls.
    pub budget: Option<f64>,
    /// It has a circuit breaker (drawn from the design, in whatever state).
    pub guarded: bool,
}

/// The run's wires by their ends (an edit during the run may have added or removed some, so
/// not by position).
pub fn by_ends(snapshot: Option<&Snapshot>) -> HashMap<(String, String), WireSnapshot> {
    snapshot
        .map(|s| {
            s.wires
                .iter()
                .map(|w| ((w.from.clone(), w.to.clone()), w.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// The marks of wire `w`, given its snapshot in a run (`None` when nothing runs).
pub fn marks(w: &Wire, live: Option<&WireSnapshot>) -> WireMarks {
    WireMarks {
        breaker: live
            .and_then(|l| l.breaker)
            .filter(|b| *b != BreakerState::Closed),
        cut: live.is_some_and(|l| l.cut),
        added_ms: live
            .map(|l| l.added_ms)
            .filter(|ms| ms.is_finite() && *ms > 0.0)
            .unwrap_or(0.0),
        policy: w.policy.map(|p| (p.retries, p.timeout_ms)),
        budget: w.policy.and_then(|p| p.budget),
        guarded: w.breaker.is_some(),
    }
}

impl WireMarks {
    /// CSS classes of the line: `cut` (dashed), `open` (red), `half-open` (amber).
    pub fn line_classes(&self) -> Vec<&'static str> {
        let mut c = Vec::new();
        if self.cut {
            c.push("cut");
        }
        match self.breaker {
            Some(BreakerState::Open) => c.push("open"),
            Some(BreakerState::HalfOpen) => c.push("half-open"),
            _ => {}
        }
        c
    }

    /// The tags drawn at the wire's middle, above it, as (CSS class, text), most urgent first.
    pub fn tags(&self, t: &Text) -> Vec<(&'static str, String)> {
        let mut tags = Vec::new();
        if self.cut {
            tags.push(("tag-cut", format!("✂ {}", t.tag_cut)));
        }
        match self.breaker {
            Some(BreakerState::Open) => tags.push(("tag-open", format!("⊘ {}", t.tag_open))),
            Some(BreakerState::HalfOpen) => {
                tags.push(("tag-half-open", format!("◐ {}", t.tag_half_open)))
            }
            _ => {}
        }
        if self.added_ms > 0.0 {
            tags.push(("tag-delay", format!("+{} ms", round_ms(self.added_ms))));
        }
        tags
    }

    /// The defences' small mark beside the wire, short enough for a short wire: "↻2" (its
    /// retries), or "⏱500 ms" (its timeout) when it does not retry, then "≤10%" (its retry
    /// budget), then "⊘" for a breaker unless a tag says it is open or half-open.
    pub fn policy_mark(&self) -> Option<String> {
        let policy = self.policy.map(|(retries, timeout)| {
            let budget = self.budget.map(|b| format!(" ≤{}%", pct(b)));
            let head = if retries > 0 {
                format!("↻{retries}")
            } else {
                format!("⏱{} ms", round_ms(timeout))
            };
            head + budget.as_deref().unwrap_or("")
        });
        let breaker = (self.guarded && self.breaker.is_none()).then_some("⊘");
        match (policy, breaker) {
            (Some(p), Some(b)) => Some(format!("{p} {b}")),
            (p, b) => p.or(b.map(String::from)),
        }
    }

    /// The defences in words, for the mark's tooltip, one a line.
    pub fn policy_words(&self, t: &Text) -> Option<String> {
        let policy = self.policy.map(|(retries, timeout)| {
            let words = (t.policy_words)(retries, &round_ms(timeout));
            match self.budget {
                Some(b) => format!("{words}, {}", (t.budget_words)(&format!("{} %", pct(b)))),
                None => words,
            }
        });
        let breaker = self.guarded.then_some(t.breaker_words);
        match (policy, breaker) {
            (Some(p), Some(b)) => Some(format!("{p}\n{b}")),
            (p, b) => p.or(b.map(String::from)),
        }
    }
}

/// A delay or timeout as shown: whole milliseconds, one decimal under 10 ms.
pub fn round_ms(ms: f64) -> String {
    if ms < 10.0 {
        format!("{}", (ms * 10.0).round() / 10.0)
    } else {
        format!("{}", ms.round())
    }
}

/// A fraction as a percentage for a mark: "10", "2.5".
fn pct(fraction: f64) -> String {
    format!("{}", (fraction * 1000.0).round() / 10.0)
}

fn n(v: f64) -> String {
    format!("{v:.2}")
}

/// The marks of every wire that has some, drawn above the nodes (a tag on a short wire would
/// otherwise hide under the boxes it joins), except wires `skip` says a drag is moving.
pub fn layer(
    doc: &Scenario,
    live: &HashMap<(String, String), WireSnapshot>,
    skip: &dyn Fn(&Wire) -> bool,
    t: &Text,
) -> Html {
    let drawn = doc
        .wires
        .iter()
        .zip(wire_segments(doc))
        .filter(|(w, _)| !skip(w))
        .filter_map(|(w, ends)| {
            let m = marks(w, live.get(&(w.from.clone(), w.to.clone())));
            let ends = ends?;
            (m != WireMarks::default()).then(|| view(w, &m, ends, t))
        });
    html! { <g class="wire-marks-layer">{ for drawn }</g> }
}

/// Where along a wire its marks sit, from caller (0) to callee (1): past the middle, so the
/// marks of wires fanning out of one box towards one callee (web-1, web-2, web-3 -> db) sit
/// apart near the callee rather than over the box between them.
const MARK_AT: f64 = 0.6;

/// One wire's marks: a cut's strokes across it, one tag above it saying its state
/// ("✂ cut · ⊘ OPEN · +50 ms"), and its defences' mark beside it.
fn view(w: &Wire, m: &WireMarks, (a, b): (Point, Point), t: &Text) -> Html {
    let mid = Point::new(a.x + (b.x - a.x) * MARK_AT, a.y + (b.y - a.y) * MARK_AT);
    let len = a.distance(b).max(1.0);
    // Along the wire, and across it (to its right: below a wire going right).
    let (dx, dy) = ((b.x - a.x) / len, (b.y - a.y) / len);
    let cut = m.cut.then(|| {
        // Two short strokes across the line, like a snipped cable, leaning 3 px along it.
        let stroke = |off: f64| {
            let c = Point::new(mid.x + dx * off, mid.y + dy * off);
            format!(
                "M {} {} L {} {}",
                n(c.x - dy * 7.0 + dx * 3.0),
                n(c.y + dx * 7.0 + dy * 3.0),
                n(c.x + dy * 7.0 - dx * 3.0),
                n(c.y - dx * 7.0 - dy * 3.0)
            )
        };
        html! { <path class="cut-mark" d={format!("{} {}", stroke(-3.0), stroke(3.0))} /> }
    });
    let tags = m.tags(t);
    let tag = tags.first().map(|(class, _)| {
        let text = tags
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join(" · ");
        let width = scaleboard_sim::label::width(&text, TAG_PX) + 2.0 * TAG_PAD;
        let top = mid.y - 10.0 - TAG_H;
        html! {
            <g class={classes!("wire-tag", *class)}>
                <rect x={n(mid.x - width / 2.0)} y={n(top)} width={n(width)} height={n(TAG_H)} rx="4" />
                <text x={n(mid.x)} y={n(top + TAG_H - 4.5)} text-anchor="middle">{ text }</text>
            </g>
        }
    });
    let policy = m.policy_mark().map(|p| {
        // Beside the wire, on its right (below a wire going right): centred under a wire that
        // runs across, and starting or ending 8 px from a steep one, so it never lies on it.
        let (px, py) = (-dy, dx);
        let (at, anchor) = if px.abs() > 0.5 {
            let anchor = if px < 0.0 { "end" } else { "start" };
            (Point::new(mid.x + px * 8.0, mid.y + py * 8.0), anchor)
        } else {
            (Point::new(mid.x + px * 12.0, mid.y + py * 12.0), "middle")
        };
        html! {
            <text class="policy-mark" x={n(at.x)} y={n(at.y + 4.0)} text-anchor={anchor}>
                { p }<title>{ m.policy_words(t).unwrap_or_default() }</title>
            </text>
        }
    });
    html! {
        <g class="wire-marks" data-from={w.from.clone()} data-to={w.to.clone()}>
            { for cut }{ for tag }{ for policy }
        </g>
    }
}
