//! What a wire shows beyond its line, so a learner sees a link's state and defences at a
//! glance: its breaker open (red, "OPEN") or half-open (amber, "half-open"), cut by a fault
//! (dashed, a cut mark, "cut"), a fault's added delay ("+50 ms"), and its call policy
//! ("↻2": its retries; the whole policy in its tooltip). Each state is said in words, never by colour alone.
//! A pure function of the wire and the run's snapshot of it; drawn by `diagram.rs`.

use std::collections::HashMap;

use scaleboard_sim::{BreakerState, Snapshot, Wire, WireSnapshot};

use crate::i18n::Text;

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

    /// The policy's small mark beside the wire, short enough for a short wire: "↻2" (its
    /// retries), or "⏱500 ms" (its timeout) when it does not retry.
    pub fn policy_mark(&self) -> Option<String> {
        self.policy.map(|(retries, timeout)| {
            if retries > 0 {
                format!("↻{retries}")
            } else {
                format!("⏱{} ms", round_ms(timeout))
            }
        })
    }

    /// The policy in words, for the mark's tooltip.
    pub fn policy_words(&self, t: &Text) -> Option<String> {
        self.policy
            .map(|(retries, timeout)| (t.policy_words)(retries, &round_ms(timeout)))
    }
}

/// A delay or timeout as shown: whole milliseconds, one decimal under 10 ms.
fn round_ms(ms: f64) -> String {
    if ms < 10.0 {
        format!("{}", (ms * 10.0).round() / 10.0)
    } else {
        format!("{}", ms.round())
    }
}
