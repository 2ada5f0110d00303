//! Short labels for faults, for chart markers and messages.

use scaleboard_sim::{Action, Fault, Scenario};

/// "Cache down", "DC east outage", "rate 5000/s", "spike x5 10 s".
pub fn fault_label(s: &Scenario, f: &Fault) -> String {
    let node = f
        .node
        .as_deref()
        .map(|id| s.node(id).map(|n| n.name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| id.to_string()))
        .unwrap_or_default();
    let dc = f
        .dc
        .as_deref()
        .map(|id| s.data_centers.iter().find(|d| d.id == id).map(|d| d.name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| id.to_string()))
        .unwrap_or_default();
    match f.action {
        Action::Fail => format!("{node} down"),
        Action::Recover => format!("{node} back"),
        Action::Slow if f.factor.unwrap_or(1.0) == 1.0 => format!("{node} normal speed"),
        Action::Slow => format!("{node} slow x{}", f.factor.unwrap_or(1.0)),
        Action::DcOutage => format!("{dc} outage"),
        Action::DcRestore => format!("{dc} restored"),
        Action::SetRate => format!("rate {}", super::numbers::fmt_rate(f.rate_rps.unwrap_or(0.0))),
        Action::Ramp => format!("ramp to {}", super::numbers::fmt_rate(f.rate_rps.unwrap_or(0.0))),
        Action::Spike => format!("spike x{} {} s", f.factor.unwrap_or(1.0), f.duration_s.unwrap_or(0.0)),
    }
}
