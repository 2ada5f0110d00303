//! Fresh, readable ids for new nodes and data centers (`web-3`, `dc-2`).

use crate::kind::Kind;
use crate::scenario::Scenario;
use std::collections::HashSet;

/// The id prefix of a kind (`web` for a web server).
pub fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Users => "users",
        Kind::Dns => "dns",
        Kind::Cdn => "cdn",
        Kind::LoadBalancer => "lb",
        Kind::WebServer => "web",
        Kind::SessionStore => "sessions",
        Kind::Cache => "cache",
        Kind::Database => "db",
        Kind::ShardRouter => "router",
        Kind::MessageQueue => "queue",
        Kind::Worker => "worker",
        Kind::Autoscaler => "autoscaler",
    }
}

/// Every id in use by a node or a data center.
pub fn taken(doc: &Scenario) -> HashSet<String> {
    let nodes = doc.nodes.iter().map(|n| n.id.clone());
    nodes
        .chain(doc.data_centers.iter().map(|d| d.id.clone()))
        .collect()
}

/// `{prefix}-{n}` with the smallest `n >= 1` not in `taken`; the result is added to `taken`.
pub fn fresh(prefix: &str, taken: &mut HashSet<String>) -> String {
    let mut n = 1u64;
    loop {
        let id = format!("{prefix}-{n}");
        if !taken.contains(&id) {
            taken.insert(id.clone());
            return id;
        }
        n += 1;
    }
}

/// A fresh node id for `kind` in `doc`.
pub fn fresh_node_id(doc: &Scenario, kind: Kind) -> String {
    fresh(prefix(kind), &mut taken(doc))
}

/// A fresh data center id in `doc`.
pub fn fresh_dc_id(doc: &Scenario) -> String {
    fresh("dc", &mut taken(doc))
}
