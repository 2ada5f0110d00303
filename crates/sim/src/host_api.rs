//! The embed's host-page API (docs/embedding.md, "Host-page API"): the commands a page that
//! frames an embed may send it with `postMessage`, and the events the embed sends back, as
//! plain JSON. Decided here, without a browser: a message's text becomes a typed [`Command`]
//! or a readable [`Problem`]; a command is checked against the design on show (its node and
//! data-center ids, whether it applies to that kind of node); events are encoded. The browser
//! glue (`src/embed/api.rs`) only listens, posts, and hands commands to the run dock.
//!
//! Every message carries the version of the format: `{ "scaleboard": 1, "type": "fail",
//! "node": "cache", "id": 7 }` for a command, `{ "scaleboard": 1, "event": "tick", ... }` for an
//! event. A command's `id`, if any, is echoed in the problem it causes.
//!
//! Every function is `#[inline]` so it is compiled in the app's crate, at its size-first
//! opt-level: the model crate is built at opt-level 3 for the engine's sake, and this message
//! handling is not hot (about 1 KiB gzipped less wasm).

use serde_json::{json, Map, Value};

use crate::run::Speed;
use crate::{Fault, Kind, Scenario};

/// The version of the message format this embed speaks.
pub const VERSION: u64 = 1;

/// Arrival rates a `rate` command may set [requests/s]: the traffic controls' slider range.
pub const RATE_RPS: (f64, f64) = (1.0, 1_000_000.0);
/// Spike sizes a `spike` command may ask for [factor]: the traffic controls' field range.
pub const SPIKE_FACTOR: (f64, f64) = (1.0, 1000.0);
/// Spike lengths a `spike` command may ask for [s of simulated time]: the controls' range.
pub const SPIKE_SECONDS: (f64, f64) = (1.0, 3600.0);
/// Service-time factors a `slow` command may set [factor]: 1 is normal speed.
pub const SLOW_FACTOR: (f64, f64) = (0.01, 1000.0);

/// What a host page asks of the embed.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Play,
    Pause,
    /// Back to time zero, paused (the Reset button).
    Reset,
    /// Run at this speed (simulated seconds per wall second, or as fast as it goes).
    Speed(Speed),
    /// Set the arrival rate of a users node [requests/s]; `users`: the one the traffic
    /// controls act on when `None`.
    Rate {
        users: Option<String>,
        rps: f64,
    },
    /// A spike of `factor` times the traffic for `seconds` [s]; either left out is the one the
    /// traffic controls show.
    Spike {
        users: Option<String>,
        factor: Option<f64>,
        seconds: Option<f64>,
    },
    Fail {
        node: String,
    },
    Recover {
        node: String,
    },
    /// Multiply a node's service times by `factor` (1 restores normal speed).
    Slow {
        node: String,
        factor: f64,
    },
    Outage {
        dc: String,
    },
    Restore {
        dc: String,
    },
    /// Select a node in the diagram, as a click on it does.
    Select {
        node: String,
    },
    /// Replace the design with this one (already parsed and validated).
    Load {
        scenario: Box<Scenario>,
    },
}

/// A decoded command and the host's own id for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub id: Option<Value>,
    pub command: Command,
}

/// Why a message was not acted on, for the host page's developer.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The command's `id`, if it had one that could be read.
    pub id: Option<Value>,
    pub message: String,
}

/// The command types, in the order the documentation lists them.
const TYPES: &[&str] = &[
    "play", "pause", "reset", "speed", "rate", "spike", "fail", "recover", "slow", "outage",
    "restore", "select", "load",
];

/// Fields every command may carry besides its own.
const ENVELOPE: &[&str] = &["scaleboard", "type", "id"];

/// The fields a command type takes, required ones first.
#[inline]
fn fields_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "speed" => &["times"],
        "rate" => &["rps", "users"],
        "spike" => &["factor", "seconds", "users"],
        "fail" | "recover" | "select" => &["node"],
        "slow" => &["node", "factor"],
        "outage" | "restore" => &["dc"],
        "load" => &["scenario"],
        _ => &[],
    }
}

/// Reads one message's JSON text as a command. Never panics: anything that is not a command of
/// this version becomes a problem that says what is wrong.
#[inline]
pub fn decode(text: &str) -> Result<Request, Problem> {
    let problem = |id: Option<Value>, message: String| Problem { id, message };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        problem(
            None,
            format!(
                "the message is not JSON (line {}, column {}): a command is an object such as \
                 {{\"scaleboard\": {VERSION}, \"type\": \"play\"}}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Value::Object(obj) = value else {
        return Err(problem(
            None,
            format!(
                "a command is a JSON object such as {{\"scaleboard\": {VERSION}, \"type\": \
                 \"play\"}}, not {}",
                what_is(&value)
            ),
        ));
    };
    let id = obj.get("id").cloned();
    // An id is for matching a problem to its command: a number or a string, nothing the host
    // could mistake for data (an object, a list, true).
    if let Some(other) = id.as_ref().filter(|v| !(v.is_number() || v.is_string())) {
        return Err(problem(
            None,
            format!("\"id\" is a number or a string, not {}", what_is(other)),
        ));
    }
    let fail = |message: String| problem(id.clone(), message);
    match obj.get("scaleboard") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(fail(format!(
                "this embed speaks version {VERSION} of the host API, not \"scaleboard\": {v}"
            )))
        }
        None => {
            return Err(fail(format!(
                "\"scaleboard\": {VERSION} is missing: every command names the version of the \
                 host API it is written for"
            )))
        }
    }
    let kind = match obj.get("type") {
        Some(Value::String(k)) if TYPES.contains(&k.as_str()) => k.as_str(),
        Some(Value::String(k)) => {
            return Err(fail(format!(
                "unknown command type \"{k}\": the types are {}",
                TYPES.join(", ")
            )))
        }
        Some(v) => {
            return Err(fail(format!(
                "\"type\" must be a string (one of {}), not {}",
                TYPES.join(", "),
                what_is(v)
            )))
        }
        None => {
            return Err(fail(format!(
                "\"type\" is missing: one of {}",
                TYPES.join(", ")
            )))
        }
    };
    let takes = fields_of(kind);
    if let Some(extra) = obj
        .keys()
        .find(|k| !ENVELOPE.contains(&k.as_str()) && !takes.contains(&k.as_str()))
    {
        let says = if takes.is_empty() {
            "no fields".to_string()
        } else {
            takes.join(", ")
        };
        return Err(fail(format!(
            "\"{kind}\" does not take \"{extra}\" (it takes {says})"
        )));
    }
    let f = Fields { obj: &obj, kind };
    let command = command_of(&f).map_err(fail)?;
    Ok(Request { id, command })
}

/// The command of a checked type, from its fields.
#[inline]
fn command_of(f: &Fields) -> Result<Command, String> {
    Ok(match f.kind {
        "play" => Command::Play,
        "pause" => Command::Pause,
        "reset" => Command::Reset,
        "speed" => Command::Speed(f.speed()?),
        "rate" => Command::Rate {
            users: f.opt_id("users")?,
            rps: f.number("rps", RATE_RPS, "requests/s")?,
        },
        "spike" => Command::Spike {
            users: f.opt_id("users")?,
            factor: f.opt_number("factor", SPIKE_FACTOR, "times the traffic")?,
            seconds: f.opt_number("seconds", SPIKE_SECONDS, "s")?,
        },
        "fail" => Command::Fail {
            node: f.id("node")?,
        },
        "recover" => Command::Recover {
            node: f.id("node")?,
        },
        "slow" => Command::Slow {
            node: f.id("node")?,
            factor: f.number("factor", SLOW_FACTOR, "times the service time")?,
        },
        "outage" => Command::Outage { dc: f.id("dc")? },
        "restore" => Command::Restore { dc: f.id("dc")? },
        "select" => Command::Select {
            node: f.id("node")?,
        },
        _ => Command::Load {
            scenario: Box::new(f.scenario()?),
        },
    })
}

/// The fields of one command object, read with messages that name the command.
struct Fields<'a> {
    obj: &'a Map<String, Value>,
    kind: &'a str,
}

impl Fields<'_> {
    #[inline]
    fn id(&self, key: &str) -> Result<String, String> {
        self.opt_id(key)?.ok_or_else(|| {
            format!(
                "\"{}\" needs \"{key}\": the id of a {}",
                self.kind,
                noun(key)
            )
        })
    }

    #[inline]
    fn opt_id(&self, key: &str) -> Result<Option<String>, String> {
        match self.obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
            Some(v) => Err(format!(
                "\"{}\": \"{key}\" must be the id of a {} (a string), not {}",
                self.kind,
                noun(key),
                what_is(v)
            )),
        }
    }

    #[inline]
    fn number(&self, key: &str, range: (f64, f64), unit: &str) -> Result<f64, String> {
        self.opt_number(key, range, unit)?
            .ok_or_else(|| format!("\"{}\" needs \"{key}\" [{unit}]", self.kind))
    }

    #[inline]
    fn opt_number(
        &self,
        key: &str,
        (lo, hi): (f64, f64),
        unit: &str,
    ) -> Result<Option<f64>, String> {
        match self.obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => match v.as_f64() {
                Some(x) if (lo..=hi).contains(&x) => Ok(Some(x)),
                _ => Err(format!(
                    "\"{}\": \"{key}\" must be a number from {lo} to {hi} [{unit}], not {v}",
                    self.kind
                )),
            },
        }
    }

    #[inline]
    fn speed(&self) -> Result<Speed, String> {
        match self.obj.get("times") {
            Some(Value::String(s)) if s == "max" => Ok(Speed::Max),
            Some(v) => match v.as_f64() {
                Some(x) if x > 0.0 && x.is_finite() => Ok(Speed::Times(x)),
                _ => Err(format!(
                    "\"speed\": \"times\" must be simulated seconds per wall second (a number \
                     above 0) or \"max\", not {v}"
                )),
            },
            None => Err(
                "\"speed\" needs \"times\": simulated seconds per wall second, or \"max\"".into(),
            ),
        }
    }

    /// The scenario document, an object or its JSON text, loaded exactly as a file is:
    /// parsed and validated, every problem reported.
    #[inline]
    fn scenario(&self) -> Result<Scenario, String> {
        let text =
            match self.obj.get("scenario") {
                Some(Value::String(s)) => s.clone(),
                Some(v @ Value::Object(_)) => v.to_string(),
                Some(v) => {
                    return Err(format!(
                    "\"load\": \"scenario\" must be a scenario document (an object, or its JSON \
                     text), not {}",
                    what_is(v)
                ))
                }
                None => return Err(
                    "\"load\" needs \"scenario\": a scenario document (docs/scenario-format.md)"
                        .into(),
                ),
            };
        crate::load(&text).map_err(|ds| {
            let all: Vec<String> = ds.iter().map(|d| d.to_string()).collect();
            format!(
                "the scenario was not loaded (the design on show is unchanged): {}",
                all.join("; ")
            )
        })
    }
}

/// What a field's id names, for messages.
#[inline]
fn noun(key: &str) -> &'static str {
    match key {
        "dc" => "data center",
        "users" => "users node",
        _ => "node",
    }
}

/// A JSON value's kind, for messages.
#[inline]
fn what_is(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// What an id in a command must name.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    /// Any node.
    Node,
    /// A node that serves requests (not a users node): it can fail, recover, slow down.
    Serving,
    /// A users node.
    Users,
    DataCenter,
}

/// Whether `command` applies to `doc`: its ids exist and name something it can act on. The
/// problem names the ids that would do.
#[inline]
pub fn check(command: &Command, doc: &Scenario) -> Result<(), String> {
    let (verb, id, target) = match command {
        Command::Fail { node } => ("fail", Some(node), Target::Serving),
        Command::Recover { node } => ("recover", Some(node), Target::Serving),
        Command::Slow { node, .. } => ("slow", Some(node), Target::Serving),
        Command::Select { node } => ("select", Some(node), Target::Node),
        Command::Rate { users, .. } => ("rate", users.as_ref(), Target::Users),
        Command::Spike { users, .. } => ("spike", users.as_ref(), Target::Users),
        Command::Outage { dc } => ("outage", Some(dc), Target::DataCenter),
        Command::Restore { dc } => ("restore", Some(dc), Target::DataCenter),
        _ => return Ok(()),
    };
    let valid: Vec<&str> = match target {
        Target::DataCenter => doc.data_centers.iter().map(|d| d.id.as_str()).collect(),
        _ => doc
            .nodes
            .iter()
            .filter(|n| match target {
                Target::Users => n.kind == Kind::Users,
                Target::Serving => n.kind != Kind::Users,
                _ => true,
            })
            .map(|n| n.id.as_str())
            .collect(),
    };
    let (noun, those) = match target {
        Target::Node => ("node", "its nodes"),
        Target::Serving => ("node", "the nodes it applies to"),
        Target::Users => ("users node", "its users nodes"),
        Target::DataCenter => ("data center", "its data centers"),
    };
    let Some(id) = id else {
        // A traffic command without a users node named: the traffic controls' own.
        return match valid.is_empty() {
            true => Err(format!("\"{verb}\": this design has no {noun}")),
            false => Ok(()),
        };
    };
    if valid.contains(&id.as_str()) {
        return Ok(());
    }
    let list = valid.join(", ");
    Err(
        match doc.node(id).filter(|_| target != Target::DataCenter) {
            Some(n) => format!(
                "\"{verb}\" does not apply to \"{id}\" (a {} node); {those}: {list}",
                n.kind.label().to_lowercase()
            ),
            None if valid.is_empty() => format!("\"{verb}\": this design has no {noun}s"),
            None => {
                format!("\"{verb}\": there is no {noun} \"{id}\" in this design; {those}: {list}")
            }
        },
    )
}

/// The index in `offered` (the run controls' speeds) of the speed asked for; the problem
/// lists the offered ones.
#[inline]
pub fn offered_speed(asked: Speed, offered: &[Speed]) -> Result<usize, String> {
    let same = |s: &Speed| match (s, asked) {
        (Speed::Max, Speed::Max) => true,
        (Speed::Times(a), Speed::Times(b)) => (a - b).abs() < 1e-9,
        _ => false,
    };
    offered.iter().position(same).ok_or_else(|| {
        let list: Vec<String> = offered
            .iter()
            .map(|s| match s {
                Speed::Times(x) => x.to_string(),
                Speed::Max => "\"max\"".into(),
            })
            .collect();
        let asked = asked.times().map_or("\"max\"".into(), |x| x.to_string());
        format!(
            "\"speed\": {asked} is not one of the run controls' speeds: {}",
            list.join(", ")
        )
    })
}

/// The live figures a `tick` event carries: those of the last closed window, as the run
/// dock's numbers show them. `None` before any request finished.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tick {
    /// Simulated time [s].
    pub clock_s: f64,
    /// Latency of every finished request [ms].
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// Successful and within the users' objective, of finished requests [%].
    pub good_pct: Option<f64>,
    /// Successful requests [requests/s].
    pub ok_rps: Option<f64>,
    /// Failed requests of every cause [requests/s].
    pub errors_rps: Option<f64>,
}

/// What the embed tells its host page.
#[derive(Clone, Debug, PartialEq)]
pub enum Event<'a> {
    /// The embed takes commands now; the design on show.
    Ready(&'a Scenario),
    /// A `load` command's design is on show now.
    Loaded(&'a Scenario, Option<Value>),
    Tick(Tick),
    /// A fault applied to the run, at its simulated time.
    Fault(&'a Fault),
    Problem(&'a Problem),
}

/// An event as the JSON object posted to the host page.
#[inline]
pub fn encode(event: &Event) -> Value {
    let design = |doc: &Scenario| {
        let ids = |users: bool| -> Vec<&str> {
            doc.nodes
                .iter()
                .filter(|n| !users || n.kind == Kind::Users)
                .map(|n| n.id.as_str())
                .collect()
        };
        let dcs: Vec<&str> = doc.data_centers.iter().map(|d| d.id.as_str()).collect();
        json!({ "scenario": doc.name, "nodes": ids(false), "users": ids(true), "data_centers": dcs })
    };
    let (name, mut body) = match event {
        Event::Ready(doc) => ("ready", design(doc)),
        Event::Loaded(doc, id) => {
            let mut body = design(doc);
            with_id(&mut body, id);
            ("loaded", body)
        }
        Event::Tick(t) => (
            "tick",
            json!({
                "clock_s": t.clock_s, "p50_ms": t.p50_ms, "p99_ms": t.p99_ms,
                "good_pct": t.good_pct, "ok_rps": t.ok_rps, "errors_rps": t.errors_rps,
            }),
        ),
        // The fault exactly as a scenario file writes it (docs/scenario-format.md).
        // Its time to the microsecond: the engine's clock is a sum of float milliseconds, and
        // 0.11329999999981372 s would only be noise to a host page.
        Event::Fault(f) => {
            let mut f = (*f).clone();
            f.at_s = (f.at_s * 1e6).round() / 1e6;
            ("fault", serde_json::to_value(f).unwrap_or(Value::Null))
        }
        Event::Problem(p) => {
            let mut body = json!({ "message": p.message });
            with_id(&mut body, &p.id);
            ("problem", body)
        }
    };
    if let Value::Object(m) = &mut body {
        m.insert("scaleboard".into(), json!(VERSION));
        m.insert("event".into(), json!(name));
    }
    body
}

#[inline]
fn with_id(body: &mut Value, id: &Option<Value>) {
    if let (Value::Object(m), Some(id)) = (body, id) {
        m.insert("id".into(), id.clone());
    }
}

/// An `origin=` parameter as the browser writes `MessageEvent.origin`: `scheme://host[:port]`,
/// lower case, without a trailing slash; anything else is a problem naming the form.
#[inline]
pub fn parse_origin(raw: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "origin={raw} is not an origin: write it as scheme://host[:port], e.g. \
             origin=https://docs.example.com; the host-page API takes no commands until it is one"
        )
    };
    let trimmed = raw.trim().strip_suffix('/').unwrap_or(raw.trim());
    let (scheme, rest) = trimmed.split_once("://").ok_or_else(bad)?;
    let scheme_ok = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let host_ok = !rest.is_empty()
        && !rest
            .chars()
            .any(|c| "/?#@ ".contains(c) || c.is_ascii_control());
    if scheme_ok && host_ok {
        Ok(trimmed.to_ascii_lowercase())
    } else {
        Err(bad())
    }
}
