//! Short labels for faults, for chart markers and messages.

use scaleboard_sim::{Action, Fault, Scenario};

use crate::i18n::Text;

/// "Cache down", "DC east outage", "rate 5000/s", "spike x5 10 s", in `t`'s language.
pub fn fault_label(s: &Scenario, f: &Fault, t: &Text) -> String {
    let node = f
        .node
        .as_deref()
        .map(|id| {
            s.node(id)
                .map(|n| t.named(&n.name).into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.to_string())
        })
        .unwrap_or_default();
    let dc =
        f.dc.as_deref()
            .map(|id| {
                s.data_centers
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| t.named(&d.name).into_owned())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.to_string())
            })
            .unwrap_or_default();
    // A wire as "Web 1 → Database", named like its ends.
    let end = |id: Option<&str>| {
        let id = id.unwrap_or_default();
        s.node(id)
            .map(|n| t.named(&n.name).into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let wire = || format!("{} → {}", end(f.from.as_deref()), end(f.to.as_deref()));
    match f.action {
        Action::Fail => (t.f_down)(&node),
        Action::Recover => (t.f_back)(&node),
        Action::Slow if f.factor.unwrap_or(1.0) == 1.0 => (t.f_normal)(&node),
        Action::Slow => (t.f_slow)(&node, f.factor.unwrap_or(1.0)),
        Action::DcOutage => (t.f_outage)(&dc),
        Action::DcRestore => (t.f_restored)(&dc),
        Action::SetRate => (t.f_rate)(&super::numbers::fmt_rate(f.rate_rps.unwrap_or(0.0))),
        Action::Ramp => (t.f_ramp)(&super::numbers::fmt_rate(f.rate_rps.unwrap_or(0.0))),
        Action::Spike => (t.f_spike)(f.factor.unwrap_or(1.0), f.duration_s.unwrap_or(0.0)),
        Action::Cut => (t.f_cut)(&wire()),
        Action::Restore => (t.f_wire_restored)(&wire()),
        Action::Latency => (t.f_wire_delay)(&wire(), f.delay_ms.unwrap_or(0.0)),
    }
}
