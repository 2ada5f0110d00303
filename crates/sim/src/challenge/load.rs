//! Loading a challenge: JSON text -> [`Challenge`], every problem reported with its path
//! (`script[2].target`, `start.nodes[web].workers`), never a panic, nothing half-loaded.
//!
//! As the scenario loader does (`crate::load`), the document is read as a `serde_json::Value`
//! first, so a syntax error keeps its line and column, and each list item and each design is
//! decoded on its own, so one bad item does not hide the others' problems.

use super::{script, Brief, Challenge, Objective, Source, Step, CHALLENGE_VERSION};
use crate::diagnostic::Diagnostic;
use crate::kind::Kind;
use crate::load::{list, tidy};
use crate::scenario::{Action, Node, Scenario};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Longest run a challenge may ask for [s]: an hour of simulated time.
const MAX_RUN_S: f64 = 3_600.0;
/// Largest rate a step may set [requests/s] (as a scenario's faults).
const MAX_RATE: f64 = 100_000_000.0;

/// Everything but the lists and the designs, decoded with unknown fields rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u32,
    id: String,
    en: Brief,
    ko: Brief,
    #[serde(default = "super::default_warmup_s")]
    warmup_s: f64,
    duration_s: f64,
    #[serde(default = "super::default_seed")]
    seed: u64,
}

/// Parse and check a challenge document. Every problem is reported; never panics.
// Never inlined: the app calls it from several places, and a copy in each cost kilobytes of
// shipped wasm.
#[inline(never)]
pub fn load_challenge(json: &str) -> Result<Challenge, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(json).map_err(|e| vec![Diagnostic::json(&e)])?;
    let Value::Object(mut map) = value else {
        return Err(vec![Diagnostic::new("document", "must be a JSON object")]);
    };
    let mut errors = Vec::new();
    let traffic: Vec<Source> = list(&mut map, "traffic", true, &mut errors, |v, i| {
        match v.get("users").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => format!("traffic[{id}]"),
            _ => format!("traffic[{i}]"),
        }
    });
    let script: Vec<Step> = list(&mut map, "script", false, &mut errors, |_, i| {
        format!("script[{i}]")
    });
    let objectives: Vec<Objective> = list(&mut map, "objectives", true, &mut errors, |_, i| {
        format!("objectives[{i}]")
    });
    let start = design(&mut map, "start", &mut errors);
    let reference = design(&mut map, "reference", &mut errors);
    let header = match Header::deserialize(Value::Object(map)) {
        Ok(h) => Some(h),
        Err(e) => {
            errors.push(Diagnostic::new("document", tidy(&e.to_string())));
            None
        }
    };
    let (Some(h), Some(start), Some(reference)) = (header, start, reference) else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let c = Challenge {
        version: h.version,
        id: h.id,
        en: h.en,
        ko: h.ko,
        warmup_s: h.warmup_s,
        duration_s: h.duration_s,
        seed: h.seed,
        traffic,
        script,
        objectives,
        start,
        reference,
    };
    let d = validate_challenge(&c);
    if d.is_empty() {
        Ok(c)
    } else {
        Err(d)
    }
}

/// Every problem of a decoded challenge, in document order. Empty means it can be graded.
pub fn validate_challenge(c: &Challenge) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    if c.version != CHALLENGE_VERSION {
        d.push(Diagnostic::new(
            "version",
            format!(
                "unsupported version {}, this build reads version {CHALLENGE_VERSION}",
                c.version
            ),
        ));
    }
    let id_ok = !c.id.is_empty()
        && c.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        d.push(Diagnostic::new(
            "id",
            format!(
                "must be lower-case letters, digits and dashes (it is used in links), got \"{}\"",
                c.id
            ),
        ));
    }
    for (lang, b) in [("en", &c.en), ("ko", &c.ko)] {
        for (field, text) in [("title", &b.title), ("brief", &b.brief)] {
            if text.trim().is_empty() {
                d.push(Diagnostic::new(
                    format!("{lang}.{field}"),
                    "must not be empty",
                ));
            }
        }
    }
    range(&mut d, "warmup_s", c.warmup_s, 0.0, MAX_RUN_S, true);
    range(&mut d, "duration_s", c.duration_s, 0.0, MAX_RUN_S, false);
    if c.warmup_s + c.duration_s > MAX_RUN_S {
        d.push(Diagnostic::new(
            "duration_s",
            format!("the run (warm-up included) may last at most {MAX_RUN_S} s"),
        ));
    }
    traffic(&mut d, c);
    let end_s = c.warmup_s + c.duration_s;
    for (i, s) in c.script.iter().enumerate() {
        step(&mut d, &format!("script[{i}]"), s, end_s, c);
    }
    if c.objectives.is_empty() {
        d.push(Diagnostic::new(
            "objectives",
            "needs at least one objective",
        ));
    }
    for (i, o) in c.objectives.iter().enumerate() {
        let p = format!("objectives[{i}]");
        match (o.max, o.min) {
            (Some(_), Some(_)) => d.push(Diagnostic::new(&p, "give \"max\" or \"min\", not both")),
            (None, None) => d.push(Diagnostic::new(
                &p,
                format!(
                    "needs \"max\" or \"min\": the bound {} must meet",
                    o.metric.key()
                ),
            )),
            (Some(v), None) | (None, Some(v)) if !v.is_finite() => d.push(Diagnostic::new(
                &p,
                format!("the bound must be a finite number, got {v}"),
            )),
            _ => {}
        }
    }
    // The designs as graded only once the rest is sound: their checks read it.
    let sound = d.is_empty();
    for (which, s) in [("start", &c.start), ("reference", &c.reference)] {
        let before = d.len();
        for e in crate::validate(s) {
            d.push(prefixed(which, e));
        }
        if sound && d.len() == before {
            // The designs as graded: the challenge's traffic must find its users nodes, and
            // the reference must give every step something to hit.
            match script::prepare(c, s) {
                Err(es) => d.extend(es.into_iter().map(|e| prefixed(which, e))),
                Ok(p) if which == "reference" => {
                    for line in p.steps.iter().filter(|l| l.hit.is_empty()) {
                        d.push(Diagnostic::new(
                            format!("script[{}]", line.index),
                            "hits nothing in the reference design: a step must find its target there",
                        ));
                    }
                }
                Ok(_) => {}
            }
        }
    }
    d
}

fn traffic(d: &mut Vec<Diagnostic>, c: &Challenge) {
    if c.traffic.is_empty() {
        d.push(Diagnostic::new(
            "traffic",
            "needs at least one source: the users node the traffic comes from and its rate",
        ));
    }
    let mut seen = HashSet::new();
    for (i, s) in c.traffic.iter().enumerate() {
        let p = if s.users.is_empty() {
            format!("traffic[{i}]")
        } else {
            format!("traffic[{}]", s.users)
        };
        if s.users.is_empty() {
            d.push(Diagnostic::new(&p, "\"users\" must name a users node"));
        } else if !seen.insert(s.users.as_str()) {
            d.push(Diagnostic::new(
                &p,
                format!("duplicate source \"{}\"", s.users),
            ));
        }
        // The same checks a users node's own fields pass, with this source's path.
        crate::validate::node_fields(d, &p, &users_node(s));
    }
}

/// The users node a source makes of a design's users node `id`.
pub(super) fn users_node(s: &Source) -> Node {
    Node {
        id: s.users.clone(),
        kind: Kind::Users,
        rate_rps: Some(s.rate_rps),
        arrival: s.arrival,
        mix: s.mix,
        population: s.population,
        keys: s.keys,
        zipf_s: s.zipf_s,
        region: s.region.clone(),
        timeout_ms: s.timeout_ms,
        retries: s.retries,
        backoff_ms: s.backoff_ms,
        slo_ms: s.slo_ms,
        ..Node::default()
    }
}

fn step(d: &mut Vec<Diagnostic>, p: &str, s: &Step, end_s: f64, c: &Challenge) {
    range(d, &format!("{p}.at_s"), s.at_s, 0.0, end_s, true);
    if matches!(s.action, Action::Cut | Action::Restore | Action::Latency) {
        // A challenge is graded on any design, and a wire exists only in some: its steps pick
        // nodes, data centers or traffic, never a wire.
        d.push(Diagnostic::new(
            format!("{p}.action"),
            "a challenge step cannot cut, restore or delay a wire (designs differ in their wires): use fail, slow or dc_outage on the nodes instead",
        ));
        return;
    }
    let t = &s.target;
    let tp = format!("{p}.target");
    let dc_action = matches!(s.action, Action::DcOutage | Action::DcRestore);
    let traffic_action = matches!(s.action, Action::SetRate | Action::Ramp | Action::Spike);
    if dc_action {
        if t.kind.is_some() || t.role.is_some() {
            d.push(Diagnostic::new(
                &tp,
                "a data-center action picks data centers (by id, region or pick): kind and role do not apply",
            ));
        }
    } else if traffic_action {
        if t.kind.is_some_and(|k| k != Kind::Users) || t.role.is_some() {
            d.push(Diagnostic::new(
                &tp,
                "a rate change picks traffic sources (by id or region): kind and role do not apply",
            ));
        }
        if let Some(id) = &t.id {
            if !c.traffic.iter().any(|s| &s.users == id) {
                d.push(Diagnostic::new(
                    format!("{tp}.id"),
                    format!("no traffic source \"{id}\""),
                ));
            }
        }
    } else {
        if t.id.is_none() && t.kind.is_none() && t.role.is_none() {
            d.push(Diagnostic::new(
                &tp,
                "needs what it hits: an id, a kind (\"cache\") or a role (\"primary\")",
            ));
        }
        if t.role.is_some() && t.kind.is_some_and(|k| k != Kind::Database) {
            d.push(Diagnostic::new(
                format!("{tp}.role"),
                "only databases have a role",
            ));
        }
    }
    match s.action {
        Action::Slow | Action::Spike => match s.factor {
            None => d.push(Diagnostic::new(p, "needs \"factor\"")),
            Some(v) => range(d, &format!("{p}.factor"), v, 0.0, 1e6, false),
        },
        _ => {}
    }
    match s.action {
        Action::SetRate | Action::Ramp => match s.rate_rps {
            None => d.push(Diagnostic::new(p, "needs \"rate_rps\"")),
            Some(v) => range(d, &format!("{p}.rate_rps"), v, 0.0, MAX_RATE, true),
        },
        _ => {}
    }
    match s.action {
        Action::Ramp | Action::Spike => match s.duration_s {
            None => d.push(Diagnostic::new(p, "needs \"duration_s\"")),
            Some(v) => range(d, &format!("{p}.duration_s"), v, 0.0, MAX_RUN_S, false),
        },
        _ => {}
    }
}

/// `v` within `lo..=hi` (`lo` itself allowed when `closed`).
fn range(d: &mut Vec<Diagnostic>, p: &str, v: f64, lo: f64, hi: f64, closed: bool) {
    let above = if closed { v >= lo } else { v > lo };
    if !(v.is_finite() && above && v <= hi) {
        let from = if closed { "between" } else { "above" };
        let and = if closed { "and" } else { "and at most" };
        d.push(Diagnostic::new(
            p,
            format!("must be {from} {lo} {and} {hi}, got {v}"),
        ));
    }
}

/// A design's diagnostic, with the path it has in the challenge (`start.nodes[web]`).
fn prefixed(which: &str, d: Diagnostic) -> Diagnostic {
    let path = if d.path == "document" {
        which.to_string()
    } else if d.path.starts_with("line ") {
        format!("{which} ({})", d.path)
    } else {
        format!("{which}.{}", d.path)
    };
    Diagnostic::new(path, d.message)
}

/// Takes design `key` out of the document and parses it as a scenario.
fn design(
    map: &mut Map<String, Value>,
    key: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<Scenario> {
    match map.remove(key) {
        None => {
            errors.push(Diagnostic::new(
                "document",
                format!("missing field \"{key}\""),
            ));
            None
        }
        Some(v @ Value::Object(_)) => {
            let text = serde_json::to_string(&v).unwrap_or_default();
            match crate::parse(&text) {
                Ok(s) => Some(s),
                Err(ds) => {
                    errors.extend(ds.into_iter().map(|e| prefixed(key, e)));
                    None
                }
            }
        }
        Some(_) => {
            errors.push(Diagnostic::new(key, "must be a scenario (a JSON object)"));
            None
        }
    }
}
