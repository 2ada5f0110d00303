//! Challenges: a brief, the traffic and the fault script a design must face, objectives on what
//! a run of it measures, a starting design that fails them and a reference solution that
//! passes. Graded headless, at full speed, a slice at a time ([`Grader`]) or at once
//! ([`grade`]). The file format is `docs/challenge-format.md`; the built-in challenges are
//! `static/challenges/*.json`, compiled in ([`BUILTIN`]).
//!
//! - `load.rs`    JSON -> [`Challenge`], every problem with its path (like the scenario loader)
//! - `script.rs`  a design as graded: the challenge's traffic in its users nodes, the script's
//!   targets (by kind, role, data center or id) resolved to the design's own ids
//! - `grade.rs`   the run, the measured figures, one line per objective
//! - `values.rs`  the measured values as a result link carries them

mod grade;
mod load;
mod script;
mod values;

pub use grade::{grade, Grader, Line, Report};
pub use load::load_challenge;
pub use script::{prepare, Prepared, StepLine};
pub use values::{compare_values, parse_values, values_text, ValueCheck};

use crate::kind::Kind;
use crate::scenario::{Action, Arrival, Mix, Role, Scenario};
use serde::{Deserialize, Serialize};

/// The challenge format version this crate reads and writes.
pub const CHALLENGE_VERSION: u32 = 1;

/// One challenge, exactly what a `static/challenges/*.json` file holds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// Format version, currently 1.
    pub version: u32,
    /// Its name in links and file names: lower-case letters, digits and dashes
    /// (`cache-outage`).
    pub id: String,
    /// The brief in English and in Korean.
    pub en: Brief,
    pub ko: Brief,
    /// Simulated time run before measuring starts [s]: queues and caches settle.
    #[serde(default = "default_warmup_s")]
    pub warmup_s: f64,
    /// Simulated time measured after the warm-up [s]. The run ends at `warmup_s + duration_s`.
    pub duration_s: f64,
    /// Seed of the run's random numbers unless another is asked for.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The traffic: one source per users node. It replaces whatever the design's users nodes
    /// say, so a design cannot pass by sending less.
    pub traffic: Vec<Source>,
    /// Faults and traffic changes at simulated times, aimed at components by what they are.
    #[serde(default)]
    pub script: Vec<Step>,
    /// What the run must show. All must pass.
    pub objectives: Vec<Objective>,
    /// The design the challenge opens with; it fails at least one objective.
    pub start: Scenario,
    /// A design that passes every objective.
    pub reference: Scenario,
}

fn default_warmup_s() -> f64 {
    5.0
}

fn default_seed() -> u64 {
    1
}

/// A challenge's text in one language.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// A few words, for the menu.
    pub title: String,
    /// The situation and the task, a paragraph.
    pub brief: String,
    /// What to look at if stuck; may be empty.
    #[serde(default)]
    pub hint: String,
}

/// The traffic one users node sends. The fields are a users node's own (`docs/scenario-format.md`);
/// an absent field is that field's default, not the design's value.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The users node it comes from, by id. A design whose users node has another id still
    /// matches: by region, or when there is one source and one users node (see `script.rs`).
    pub users: String,
    /// Mean arrival rate [requests/s].
    pub rate_rps: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Arrival>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
    /// Distinct users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// Distinct data keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<u32>,
    /// Zipf exponent of key popularity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zipf_s: Option<f64>,
    /// Region the users are in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Client timeout [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// [ms]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<f64>,
    /// Latency objective of a good answer [ms].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_ms: Option<f64>,
}

/// One step of the script: an action at a simulated time, on whatever `target` picks in the
/// design being graded.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// When [s of simulated time from the start of the run, warm-up included].
    pub at_s: f64,
    pub action: Action,
    /// What it hits. Absent: every traffic source, for a rate change; required otherwise.
    #[serde(default)]
    pub target: Target,
    /// Service-time multiplier (slow) or rate multiplier (spike).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// New rate of each source hit (set_rate, ramp) [requests/s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_rps: Option<f64>,
    /// Length of a ramp or spike [s].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
}

/// Which components a step hits, by what they are rather than by the ids a design happened to
/// give them. Every field given must match; `pick` then chooses among the matches.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Target {
    /// A node (or, for a data-center action, a data center) with this id; for a rate change,
    /// the traffic source with this `users` id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Nodes of this kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// Databases with this role (a database with no role is a primary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Nodes in a data center of this region; data centers of this region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub pick: Pick,
}

/// Which of the matching components a step hits.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    /// Every one.
    #[default]
    All,
    /// The first in the document.
    First,
    /// The one the design's own estimate loads most: the busiest node (utilisation at the
    /// challenge's traffic) or the data center whose nodes carry the most requests.
    Busiest,
}

/// A figure the run must show: `metric` at most `max`, or at least `min`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub metric: Metric,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
}

/// What an objective measures, over the measured time unless said otherwise.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// 99th percentile latency of every finished attempt, failed ones at the moment they
    /// failed (the headline p99) [ms].
    P99AllMs,
    /// 99th percentile latency of successful attempts only [ms].
    P99OkMs,
    /// Median latency of every finished attempt [ms].
    P50AllMs,
    /// The worst one-second window's p99 of every finished attempt [ms].
    WorstSecondP99Ms,
    /// Attempts answered within their latency objective [% of finished attempts].
    GoodPct,
    /// Failed attempts [% of finished attempts].
    ErrorPct,
    /// Successful requests per second [requests/s].
    ThroughputRps,
    /// The design's monthly price as drawn (servers an autoscaler launches are free) [USD].
    MonthlyUsd,
    /// The traffic the design carries before its bottleneck saturates, with everything up
    /// [requests/s]; unlimited when no component limits it.
    CapacityRps,
    /// Jobs waiting in message queues at the end of the run.
    BacklogJobs,
}

impl Metric {
    pub const ALL: &'static [Metric] = &[
        Metric::P99AllMs,
        Metric::P99OkMs,
        Metric::P50AllMs,
        Metric::WorstSecondP99Ms,
        Metric::GoodPct,
        Metric::ErrorPct,
        Metric::ThroughputRps,
        Metric::MonthlyUsd,
        Metric::CapacityRps,
        Metric::BacklogJobs,
    ];

    /// The JSON name.
    pub fn key(self) -> &'static str {
        match self {
            Metric::P99AllMs => "p99_all_ms",
            Metric::P99OkMs => "p99_ok_ms",
            Metric::P50AllMs => "p50_all_ms",
            Metric::WorstSecondP99Ms => "worst_second_p99_ms",
            Metric::GoodPct => "good_pct",
            Metric::ErrorPct => "error_pct",
            Metric::ThroughputRps => "throughput_rps",
            Metric::MonthlyUsd => "monthly_usd",
            Metric::CapacityRps => "capacity_rps",
            Metric::BacklogJobs => "backlog_jobs",
        }
    }

    /// What it is, in English, for the command line.
    pub fn label(self) -> &'static str {
        match self {
            Metric::P99AllMs => "p99 of all requests",
            Metric::P99OkMs => "p99 of successful requests",
            Metric::P50AllMs => "p50 of all requests",
            Metric::WorstSecondP99Ms => "p99 in the worst second",
            Metric::GoodPct => "good",
            Metric::ErrorPct => "errors",
            Metric::ThroughputRps => "throughput",
            Metric::MonthlyUsd => "monthly cost",
            Metric::CapacityRps => "capacity",
            Metric::BacklogJobs => "jobs waiting at the end",
        }
    }

    /// The unit a value is written with: "ms", "%", "req/s", "$", "jobs".
    pub fn unit(self) -> &'static str {
        match self {
            Metric::P99AllMs | Metric::P99OkMs | Metric::P50AllMs | Metric::WorstSecondP99Ms => {
                "ms"
            }
            Metric::GoodPct | Metric::ErrorPct => "%",
            Metric::ThroughputRps | Metric::CapacityRps => "req/s",
            Metric::MonthlyUsd => "$/month",
            Metric::BacklogJobs => "jobs",
        }
    }

    /// Decimals a value is shown with.
    pub fn decimals(self) -> usize {
        match self {
            Metric::GoodPct | Metric::ErrorPct => 2,
            Metric::P99AllMs | Metric::P99OkMs | Metric::P50AllMs | Metric::WorstSecondP99Ms => 1,
            _ => 0,
        }
    }
}

/// The bound an objective sets.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The value must be at most this.
    Max(f64),
    /// The value must be at least this.
    Min(f64),
}

impl Bound {
    /// Whether `value` meets it; `None` (unlimited) meets any minimum and no maximum.
    pub fn met_by(self, value: Option<f64>) -> bool {
        match (self, value) {
            (Bound::Max(m), Some(v)) => v <= m,
            (Bound::Min(m), Some(v)) => v >= m,
            (Bound::Max(_), None) => false,
            (Bound::Min(_), None) => true,
        }
    }

    /// The limit.
    pub fn limit(self) -> f64 {
        match self {
            Bound::Max(v) | Bound::Min(v) => v,
        }
    }

    /// "≤" or "≥".
    pub fn sign(self) -> &'static str {
        match self {
            Bound::Max(_) => "\u{2264}",
            Bound::Min(_) => "\u{2265}",
        }
    }
}

impl Objective {
    /// Its bound; loading guarantees exactly one of `max` and `min`.
    pub fn bound(&self) -> Bound {
        match (self.max, self.min) {
            (Some(m), _) => Bound::Max(m),
            (None, Some(m)) => Bound::Min(m),
            (None, None) => Bound::Max(f64::INFINITY),
        }
    }
}

impl Challenge {
    /// The brief in `lang`.
    pub fn brief(&self, lang: crate::journey::Lang) -> &Brief {
        match lang {
            crate::journey::Lang::En => &self.en,
            crate::journey::Lang::Ko => &self.ko,
        }
    }

    /// Where the run ends [ms of simulated time].
    pub fn end_ms(&self) -> f64 {
        (self.warmup_s + self.duration_s) * 1000.0
    }
}

/// A built-in challenge: its id and its JSON document.
pub struct Builtin {
    pub id: &'static str,
    pub json: &'static str,
}

/// `builtins!["a", "b"]`: each id's document from static/challenges/ID.json.
macro_rules! builtins {
    ($($id:literal),* $(,)?) => {
        &[$(Builtin {
            id: $id,
            json: include_str!(concat!("../../../../static/challenges/", $id, ".json")),
        }),*]
    };
}

/// The built-in challenges, in the journey's order, compiled in (the app's menu, the tests).
pub const BUILTIN: &[Builtin] = builtins![
    "one-region-2000",
    "primary-loss",
    "cache-outage",
    "dc-outage",
    "worker-backlog",
    "celebrity-shard",
    "spike-autoscaler",
    "millions-on-a-budget",
];

/// A built-in challenge decoded as it is, without the loader's checks: what the app uses.
/// `tests/challenges.rs` loads every built-in file through [`load_challenge`] and grades it, so
/// the checks would only find what the tests already rule out, and leaving the loader out of
/// the app keeps kilobytes out of its download. `None` if there is no such challenge.
pub fn builtin_decoded(id: &str) -> Option<Challenge> {
    BUILTIN
        .iter()
        .find(|b| b.id == id)
        .and_then(|b| serde_json::from_str(b.json).ok())
}

/// The built-in challenge with this id, loaded; `None` if there is none or it does not load
/// (the tests keep every one loading).
#[inline(never)]
pub fn builtin(id: &str) -> Option<Challenge> {
    BUILTIN
        .iter()
        .find(|b| b.id == id)
        .and_then(|b| load_challenge(b.json).ok())
}
