//! Which parameters the inspector shows for each kind, with their units, and how a typed value
//! becomes the JSON the model's `SetParam` command takes. The model validates; this only parses.

use scaleboard_sim::{Kind, Node, Params};
use serde_json::Value;

use crate::i18n::{self, Lang, Text};

/// How a parameter is typed in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    /// A whole number.
    Int,
    /// A decimal number.
    Num,
    /// One of these JSON strings.
    Choice(&'static [&'static str]),
    /// On or off.
    Bool,
    /// An optional group of fields (`rate_limit`): on adds it with these JSON starting values,
    /// off removes it (absent: the feature is not used).
    Group(&'static str),
    /// A decimal number that may be left empty: then the field is absent.
    OptNum,
}

/// One editable parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// JSON field name; `service.mean_ms` edits the mean inside `service`.
    pub key: &'static str,
    /// Sentence-case label.
    pub label: &'static str,
    /// Unit shown after the value; empty for plain counts.
    pub unit: &'static str,
    pub ty: Ty,
    /// Kinds that have it (for a wire's field: kinds of the calling end).
    pub(crate) kinds: &'static [Kind],
    /// Shown value = stored value × scale (100 shows a fraction in %).
    pub scale: f64,
    /// Shown only while this dotted path is present (its group is on); empty: always.
    pub needs: &'static str,
}

use Kind::*;
const SERVING: &[Kind] = &[
    Cdn,
    LoadBalancer,
    WebServer,
    SessionStore,
    Cache,
    Database,
    ShardRouter,
    Worker,
];
const QUEUEING: &[Kind] = &[
    Cdn,
    LoadBalancer,
    WebServer,
    SessionStore,
    Cache,
    Database,
    ShardRouter,
    Worker,
    MessageQueue,
];

pub(crate) const fn f(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    ty: Ty,
    kinds: &'static [Kind],
) -> Field {
    Field {
        key,
        label,
        unit,
        ty,
        kinds,
        scale: 1.0,
        needs: "",
    }
}

impl Field {
    /// Stored as a fraction (0..1), shown and typed in %.
    pub(crate) const fn pct(mut self) -> Field {
        self.scale = 100.0;
        self
    }

    /// Shown only while `path` is present in the object.
    pub(crate) const fn within(mut self, path: &'static str) -> Field {
        self.needs = path;
        self
    }
}

/// Kinds that can take a token-bucket rate limiter (the front doors).
const LIMITED: &[Kind] = &[LoadBalancer, WebServer];
/// Kinds that can shed load, as the model allows (`params::SHEDDING`): those whose requests
/// wait in their own line for a service time. A load balancer, shard router or worker has no
/// such line, and the model refuses the field there (tests/field_limits.rs checks each kind).
const SHEDDING: &[Kind] = &[Cdn, WebServer, SessionStore, Cache, Database];

/// Every editable parameter, in inspector order.
pub const FIELDS: &[Field] = &[
    f("rate_rps", "Request rate", "req/s", Ty::Num, &[Users]),
    f("population", "Population", "users", Ty::Int, &[Users]),
    f("keys", "Distinct keys", "keys", Ty::Int, &[Users]),
    f("zipf_s", "Key skew (Zipf s)", "", Ty::Num, &[Users]),
    f("timeout_ms", "Timeout", "ms", Ty::Num, &[Users]),
    f("retries", "Retries", "", Ty::Int, &[Users]),
    f("backoff_ms", "Retry backoff", "ms", Ty::Num, &[Users]),
    f("slo_ms", "Latency objective", "ms", Ty::Num, &[Users]),
    // The request mix as weights (normalised by the engine): 2, 7, 1 means 20/70/10 %.
    f(
        "mix.static",
        "Mix: static assets",
        "weight",
        Ty::Num,
        &[Users],
    ),
    f("mix.read", "Mix: reads", "weight", Ty::Num, &[Users]),
    f("mix.write", "Mix: writes", "weight", Ty::Num, &[Users]),
    f(
        "mix.job",
        "Mix: background jobs",
        "weight",
        Ty::Num,
        &[Users],
    ),
    // Scale up: a bigger machine multiplies workers and shortens service (crates/sim/src/cost.rs).
    f(
        "size",
        "Machine size",
        "",
        Ty::Choice(&["small", "medium", "large", "xlarge"]),
        scaleboard_sim::cost::SIZED,
    ),
    f("workers", "Workers", "", Ty::Int, SERVING),
    f(
        "service.mean_ms",
        "Mean service time",
        "ms",
        Ty::Num,
        SERVING,
    ),
    f(
        "queue_capacity",
        "Queue capacity",
        "requests",
        Ty::Int,
        QUEUEING,
    ),
    f("ttl_s", "Time to live", "s", Ty::Num, &[Dns, Cache]),
    f("hit_ratio", "Hit ratio", "0 to 1", Ty::Num, &[Cdn, Cache]),
    f("capacity", "Capacity", "entries", Ty::Int, &[Cache]),
    f(
        "on_down",
        "When down",
        "",
        Ty::Choice(&["fallback", "fail"]),
        &[Cache],
    ),
    f(
        "policy",
        "Balancing",
        "",
        Ty::Choice(&["round_robin", "least_connections", "random", "power_of_two"]),
        &[LoadBalancer],
    ),
    f(
        "health_check_ms",
        "Health check every",
        "ms",
        Ty::Num,
        &[LoadBalancer],
    ),
    f(
        "stateful",
        "Keeps sessions in memory",
        "",
        Ty::Bool,
        &[WebServer],
    ),
    f(
        "role",
        "Role",
        "",
        Ty::Choice(&["primary", "replica"]),
        &[Database],
    ),
    f("failover_ms", "Failover time", "ms", Ty::Num, &[Database]),
    f(
        "replication_lag_ms",
        "Replication lag",
        "ms",
        Ty::Num,
        &[Database],
    ),
    f(
        "sharding",
        "Sharding",
        "",
        Ty::Choice(&["modulo", "consistent_hash"]),
        &[ShardRouter],
    ),
    f(
        "target_utilization",
        "Target utilisation",
        "0 to 1",
        Ty::Num,
        &[Autoscaler],
    ),
    f("min_servers", "Minimum servers", "", Ty::Int, &[Autoscaler]),
    f("max_servers", "Maximum servers", "", Ty::Int, &[Autoscaler]),
    f("cooldown_s", "Cooldown", "s", Ty::Num, &[Autoscaler]),
    f("boot_s", "Boot time", "s", Ty::Num, &[Autoscaler]),
    // Defences (issue 16), each an optional group: ticked, it starts from these values.
    f(
        "on:rate_limit",
        "Rate limit",
        "",
        Ty::Group(r#"{"rate_rps":100,"burst":20}"#),
        LIMITED,
    ),
    f(
        "rate_limit.rate_rps",
        "Allowed rate",
        "req/s",
        Ty::Num,
        LIMITED,
    )
    .within("rate_limit"),
    f("rate_limit.burst", "Burst", "requests", Ty::Int, LIMITED).within("rate_limit"),
    f(
        "on:shed_wait_ms",
        "Load shedding",
        "",
        Ty::Group("200"),
        SHEDDING,
    ),
    f(
        "shed_wait_ms",
        "Shed when the wait exceeds",
        "ms",
        Ty::Num,
        SHEDDING,
    )
    .within("shed_wait_ms"),
    f(
        "on:diurnal",
        "Daily cycle",
        "",
        Ty::Group(r#"{"peak_to_trough":4,"period_s":60}"#),
        &[Users],
    ),
    f(
        "diurnal.peak_to_trough",
        "Peak ÷ trough",
        "×",
        Ty::Num,
        &[Users],
    )
    .within("diurnal"),
    f("diurnal.period_s", "Cycle length", "s", Ty::Num, &[Users]).within("diurnal"),
];

impl Field {
    /// The label and unit in `lang`.
    pub fn label_in(&self, lang: Lang) -> (&'static str, &'static str) {
        i18n::field_label(lang, self.key, (self.label, self.unit))
    }
}

/// The node's optional groups as JSON, what `field_json` reads and edits (the whole node as
/// JSON would cost a serializer of every node field in the wasm for three of them).
fn groups(node: &Node) -> Value {
    serde_json::json!({
        "rate_limit": node.rate_limit,
        "shed_wait_ms": node.shed_wait_ms,
        "diurnal": node.diurnal,
    })
}

/// The fields shown for `node` now: those of its kind, a group's fields only while it is on.
pub fn fields_for(node: &Node) -> impl Iterator<Item = &'static Field> {
    let obj = groups(node);
    fields_of(node.kind).filter(move |f| crate::field_json::shown(&obj, f))
}

/// The parameters a node of `kind` has.
pub fn fields_of(kind: Kind) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| {
        f.kinds.contains(&kind) && (f.key != "service.mean_ms" || kind.has_service())
    })
}

fn enum_text<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The value in effect (the kind's default when the field is absent), as shown in the field.
pub fn current(node: &Node, key: &str) -> String {
    // The machine's own settings, before its size multiplies them: what the fields edit.
    let p = Params::of(&Node {
        size: None,
        ..node.clone()
    });
    match key {
        "rate_rps" => p.rate_rps.to_string(),
        "population" => p.population.to_string(),
        "keys" => p.keys.to_string(),
        "zipf_s" => p.zipf_s.to_string(),
        "timeout_ms" => p.timeout_ms.to_string(),
        "retries" => p.retries.to_string(),
        "backoff_ms" => p.backoff_ms.to_string(),
        "slo_ms" => p.slo_ms.to_string(),
        "mix.static" => p.mix.static_asset.to_string(),
        "mix.read" => p.mix.read.to_string(),
        "mix.write" => p.mix.write.to_string(),
        "mix.job" => p.mix.job.to_string(),
        "size" => node
            .size
            .map(|z| z.key().to_string())
            .unwrap_or_else(|| "small".into()),
        "workers" => p.workers.to_string(),
        "service.mean_ms" => p.service.map(|s| s.mean_ms.to_string()).unwrap_or_default(),
        "queue_capacity" => p.queue_capacity.to_string(),
        "ttl_s" => p.ttl_s.to_string(),
        "hit_ratio" => p.hit_ratio.map(|h| h.to_string()).unwrap_or_default(),
        "capacity" => p.capacity.to_string(),
        "on_down" => enum_text(&p.on_down),
        "policy" => enum_text(&p.policy),
        "health_check_ms" => p.health_check_ms.to_string(),
        "stateful" => p.stateful.to_string(),
        "role" => enum_text(&p.role),
        "failover_ms" => p.failover_ms.to_string(),
        "replication_lag_ms" => p.replication_lag_ms.to_string(),
        "sharding" => enum_text(&p.sharding),
        "target_utilization" => p.target_utilization.to_string(),
        "min_servers" => p.min_servers.to_string(),
        "max_servers" => p.max_servers.to_string(),
        "cooldown_s" => p.cooldown_s.to_string(),
        "boot_s" => p.boot_s.to_string(),
        // Optional groups: what the node's own JSON says (absent: off, empty).
        _ => FIELDS
            .iter()
            .find(|f| f.key == key)
            .map(|f| crate::field_json::current(&groups(node), f))
            .unwrap_or_default(),
    }
}

/// The `SetParam` key and JSON value for `text` typed into `field` of `node`, or why the text
/// is not a value of the field's type (in `tx`'s language). Ranges are the model's business (it
/// refuses bad ones).
pub fn to_json(
    node: &Node,
    field: &Field,
    text: &str,
    tx: &Text,
) -> Result<(String, Value), String> {
    // Legacy nested keys keep their own shapes (defaults from `Params`); the rest, top-level or
    // inside an optional group, are placed in the node's own JSON.
    let legacy = field.key == "service.mean_ms" || field.key.starts_with("mix.");
    if !legacy {
        return crate::field_json::to_json(&groups(node), field, text, tx);
    }
    let value = crate::field_json::typed(field, text, tx)?.unwrap_or(Value::Null);
    if field.key == "service.mean_ms" {
        let Some(mut s) = Params::of(&Node {
            size: None,
            ..node.clone()
        })
        .service
        else {
            return Err(tx.no_service.into());
        };
        s.mean_ms = value.as_f64().unwrap_or(f64::NAN);
        let v = serde_json::to_value(s).map_err(|e| e.to_string())?;
        return Ok(("service".into(), v));
    }
    if let Some(part) = field.key.strip_prefix("mix.") {
        let mut m = Params::of(node).mix;
        let v = value.as_f64().unwrap_or(f64::NAN);
        match part {
            "static" => m.static_asset = v,
            "read" => m.read = v,
            "write" => m.write = v,
            _ => m.job = v,
        }
        let v = serde_json::to_value(m).map_err(|e| e.to_string())?;
        return Ok(("mix".into(), v));
    }
    Ok((field.key.to_string(), value))
}
