//! The faults of a run as the charts mark them: when, and a short label in the app's English
//! words (src/run/labels.rs): "Cache down", "US East outage", "spike x5 10 s".

use scaleboard_sim::{Action, Fault, Scenario};

/// A fault marker: when [s of simulated time] and what.
pub type Mark = (f64, String);

/// The markers of `s`'s scheduled faults that fall within `0..=t1_s`, in time order.
pub fn marks(s: &Scenario, t1_s: f64) -> Vec<Mark> {
    let mut out: Vec<Mark> = s
        .faults
        .iter()
        .filter(|f| (0.0..=t1_s).contains(&f.at_s))
        .map(|f| (f.at_s, label(s, f)))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// "Cache down", "DC east outage", "rate 5000/s", "spike x5 10 s".
pub fn label(s: &Scenario, f: &Fault) -> String {
    let node = f.node.as_deref().map_or_else(String::new, |id| {
        s.node(id)
            .map(|n| n.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    });
    let dc = f.dc.as_deref().map_or_else(String::new, |id| {
        s.data_centers
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    });
    let wire = format!(
        "{} → {}",
        f.from.as_deref().unwrap_or_default(),
        f.to.as_deref().unwrap_or_default()
    );
    let factor = f.factor.unwrap_or(1.0);
    let rate = f.rate_rps.unwrap_or(0.0);
    match f.action {
        Action::Fail => format!("{node} down"),
        Action::Recover => format!("{node} back"),
        Action::Slow if factor == 1.0 => format!("{node} normal speed"),
        Action::Slow => format!("{node} slow x{factor}"),
        Action::DcOutage => format!("{dc} outage"),
        Action::DcRestore => format!("{dc} restored"),
        Action::SetRate => format!("rate {rate}/s"),
        Action::Ramp => format!("ramp to {rate}/s"),
        Action::Spike => format!("spike x{factor} {} s", f.duration_s.unwrap_or(0.0)),
        Action::Cut => format!("{wire} cut"),
        Action::Restore => format!("{wire} restored"),
        Action::Latency => format!("{wire} +{} ms", f.delay_ms.unwrap_or(0.0)),
    }
}
