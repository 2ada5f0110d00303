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

/// The name a new node of `kind` starts from, and whether its names are always numbered: web
/// servers come in tiers ("Web 1", "Web 2", as the built-in steps name them), anything else is
/// named by its kind until a second one needs a number ("Cache", "Cache 2").
pub fn name_base(kind: Kind) -> (&'static str, bool) {
    match kind {
        Kind::WebServer => ("Web", true),
        k => (k.label(), false),
    }
}

/// A name no node in `doc` has, for a node called `wanted` (a copy's original name, or a kind's
/// base name): `wanted` itself when free (unless `numbered`), else the base with the smallest
/// free number: "Web 3" after "Web 1" and "Web 2", "Primary 2" for a copy of "Primary".
pub fn fresh_name(doc: &Scenario, wanted: &str, numbered: bool) -> String {
    let names: HashSet<&str> = doc.nodes.iter().map(|n| n.name.as_str()).collect();
    if !numbered && !names.contains(wanted) {
        return wanted.to_string();
    }
    // "Web 2" counts on from "Web"; a name without a number starts at 2 ("Primary 2"), and so
    // does a numbered one whose plain name is taken ("Database 3" beside "Database").
    let (base, first) = match wanted.rsplit_once(' ') {
        Some((base, n)) if !base.is_empty() && n.parse::<u32>().is_ok() => {
            (base, if names.contains(base) { 2 } else { 1 })
        }
        _ if numbered => (wanted, 1),
        _ => (wanted, 2),
    };
    (first..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !names.contains(c.as_str()))
        .unwrap_or_else(|| wanted.to_string())
}

/// The name of a new node of `kind` in `doc`.
pub fn fresh_node_name(doc: &Scenario, kind: Kind) -> String {
    let (base, numbered) = name_base(kind);
    fresh_name(doc, base, numbered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Node;

    fn doc_with(names: &[&str]) -> Scenario {
        let mut doc =
            crate::parse(r#"{ "version": 1, "name": "t", "nodes": [] }"#).expect("parses");
        for (i, name) in names.iter().enumerate() {
            let mut n = Node::new(format!("n{i}"), Kind::WebServer, 0.0, 0.0);
            n.name = (*name).to_string();
            doc.nodes.push(n);
        }
        doc
    }

    #[test]
    fn web_servers_are_numbered_like_the_built_in_steps() {
        assert_eq!(fresh_node_name(&doc_with(&[]), Kind::WebServer), "Web 1");
        assert_eq!(
            fresh_node_name(&doc_with(&["Web 1", "Web 2"]), Kind::WebServer),
            "Web 3"
        );
        assert_eq!(
            fresh_node_name(&doc_with(&["Web 2"]), Kind::WebServer),
            "Web 1"
        );
    }

    #[test]
    fn other_kinds_get_a_number_from_the_second_on() {
        assert_eq!(fresh_node_name(&doc_with(&[]), Kind::Cache), "Cache");
        assert_eq!(
            fresh_node_name(&doc_with(&["Cache"]), Kind::Cache),
            "Cache 2"
        );
        assert_eq!(
            fresh_node_name(&doc_with(&["Database", "Database 2"]), Kind::Database),
            "Database 3"
        );
    }

    #[test]
    fn a_copy_keeps_a_free_name_and_counts_on_from_a_taken_one() {
        assert_eq!(fresh_name(&doc_with(&[]), "Primary", false), "Primary");
        assert_eq!(
            fresh_name(&doc_with(&["Primary"]), "Primary", false),
            "Primary 2"
        );
        assert_eq!(
            fresh_name(&doc_with(&["Web 1", "Web 2"]), "Web 2", false),
            "Web 3"
        );
        assert_eq!(
            fresh_name(&doc_with(&["Replica 1"]), "Replica 1", false),
            "Replica 2"
        );
    }
}
