//! The work behind [`Command::apply`]: lookups, list surgery with remembered indices, and
//! the commands that validate through a copy of the document.

use super::check::{new_problems, node_fields, EditError};
use super::command::Command;
use super::geometry::Rect;
use super::ids;
use crate::scenario::{DataCenter, Node, Scenario, Wire};
use std::collections::{HashMap, HashSet};

pub(super) fn finite(vs: &[f64]) -> Result<(), EditError> {
    if vs.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(EditError::Refused(
            "positions and sizes must be finite numbers".into(),
        ))
    }
}

pub(super) fn node<'a>(doc: &'a Scenario, id: &str) -> Result<&'a Node, EditError> {
    doc.node(id)
        .ok_or_else(|| EditError::Missing(format!("no node \"{id}\"")))
}

pub(super) fn node_mut<'a>(doc: &'a mut Scenario, id: &str) -> Result<&'a mut Node, EditError> {
    doc.nodes
        .iter_mut()
        .find(|n| n.id == id)
        .ok_or_else(|| EditError::Missing(format!("no node \"{id}\"")))
}

pub(super) fn dc<'a>(doc: &'a Scenario, id: &str) -> Result<&'a DataCenter, EditError> {
    doc.data_centers
        .iter()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::Missing(format!("no data center \"{id}\"")))
}

pub(super) fn dc_mut<'a>(doc: &'a mut Scenario, id: &str) -> Result<&'a mut DataCenter, EditError> {
    doc.data_centers
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| EditError::Missing(format!("no data center \"{id}\"")))
}

/// Insert `(index, item)` pairs given in ascending index order; an index past the end appends.
pub(super) fn insert_at<T>(list: &mut Vec<T>, items: Vec<(usize, T)>) {
    for (i, item) in items {
        list.insert(i.min(list.len()), item);
    }
}

pub(super) fn add_node(doc: &mut Scenario, n: Node) -> Result<Command, EditError> {
    if n.id.is_empty() {
        return Err(EditError::Refused("a node needs an id".into()));
    }
    if doc.node(&n.id).is_some() {
        return Err(EditError::Refused(format!(
            "there is already a node \"{}\"",
            n.id
        )));
    }
    let id = n.id.clone();
    let mut after = doc.clone();
    after.nodes.push(n);
    let problems = new_problems(doc, &after, &[node_fields(&id)]);
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    *doc = after;
    Ok(Command::RemoveNodes(vec![id]))
}

pub(super) fn replace_checked(doc: &mut Scenario, new: Node) -> Result<Command, EditError> {
    let mut after = doc.clone();
    if let Some(slot) = after.nodes.iter_mut().find(|n| n.id == new.id) {
        *slot = new.clone();
    }
    let problems = new_problems(doc, &after, &[node_fields(&new.id)]);
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    Command::ReplaceNode(new).apply(doc)
}

pub(super) fn wire_index(doc: &Scenario, from: &str, to: &str) -> Result<usize, EditError> {
    doc.wires
        .iter()
        .position(|w| w.from == from && w.to == to)
        .ok_or_else(|| EditError::Missing(format!("no wire {from} -> {to}")))
}

/// Set one JSON field of a wire, checked like a node's: through serde (types, unknown keys)
/// and then `validate` on a copy, refusing only problems new under this wire's path.
pub(super) fn set_wire_field(
    doc: &mut Scenario,
    from: &str,
    to: &str,
    key: &str,
    value: serde_json::Value,
) -> Result<Command, EditError> {
    let i = wire_index(doc, from, to)?;
    let path = format!("wires[{i}]");
    if key == "from" || key == "to" {
        return Err(EditError::Refused(
            "a wire's ends cannot be changed: remove it and draw a new one".to_string(),
        ));
    }
    let mut map = match serde_json::to_value(&doc.wires[i]) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => return Err(EditError::Refused("wire cannot be encoded".to_string())),
    };
    // `null` reads as absent: an optional field removed.
    map.insert(key.to_string(), value);
    // Read through `&Value` as the loader reads wires, sharing its code (owned `from_value`
    // would compile a second deserializer for wires, policies and breakers: 13 KB of wasm).
    let new = <Wire as serde::Deserialize>::deserialize(&serde_json::Value::Object(map)).map_err(
        |e| {
            let msg = e.to_string().replace('`', "\"");
            EditError::Invalid(vec![crate::diagnostic::Diagnostic::new(
                format!("{path}.{key}"),
                msg,
            )])
        },
    )?;
    let mut after = doc.clone();
    after.wires[i] = new.clone();
    let problems = new_problems(doc, &after, &[path]);
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    Command::ReplaceWire(new).apply(doc)
}

pub(super) fn remove_nodes(doc: &mut Scenario, ids: &[String]) -> Result<Command, EditError> {
    for id in ids {
        node(doc, id)?;
    }
    let gone: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let wires = take_where(&mut doc.wires, |w| {
        gone.contains(w.from.as_str()) || gone.contains(w.to.as_str())
    });
    let faults = take_where(&mut doc.faults, |f| {
        f.node.as_deref().is_some_and(|n| gone.contains(n))
    });
    let nodes = take_where(&mut doc.nodes, |n| gone.contains(n.id.as_str()));
    Ok(Command::InsertNodes {
        nodes,
        wires,
        faults,
    })
}

/// Remove the items matching `pred`, returning them with their original indices.
pub(super) fn take_where<T>(list: &mut Vec<T>, pred: impl Fn(&T) -> bool) -> Vec<(usize, T)> {
    let mut taken = Vec::new();
    let mut kept = Vec::with_capacity(list.len());
    for (i, item) in std::mem::take(list).into_iter().enumerate() {
        if pred(&item) {
            taken.push((i, item));
        } else {
            kept.push(item);
        }
    }
    *list = kept;
    taken
}

pub(super) fn set_placement(
    doc: &mut Scenario,
    nodes: Vec<(String, f64, f64)>,
    dcs: Vec<(String, Rect)>,
) -> Result<Command, EditError> {
    // One pass over the document, borrowing its ids: a drag of 200 of 2,000 nodes sends this
    // on every pointer move, and a lookup per moved node (or an index of owned ids) cost more
    // than the rest of the move.
    let at: Vec<usize> = {
        let index: HashMap<&str, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        nodes
            .iter()
            .map(|(id, x, y)| {
                finite(&[*x, *y])?;
                index
                    .get(id.as_str())
                    .copied()
                    .ok_or_else(|| EditError::Missing(format!("no node \"{id}\"")))
            })
            .collect::<Result<_, _>>()?
    };
    for (id, r) in &dcs {
        finite(&[r.x, r.y, r.w, r.h])?;
        if r.w <= 0.0 || r.h <= 0.0 {
            return Err(EditError::Refused(
                "a data center needs a positive size".into(),
            ));
        }
        dc(doc, id)?;
    }
    let mut old_nodes = Vec::with_capacity(nodes.len());
    for ((id, x, y), i) in nodes.into_iter().zip(at) {
        let n = &mut doc.nodes[i];
        old_nodes.push((id, n.x, n.y));
        (n.x, n.y) = (x, y);
    }
    let mut old_dcs = Vec::with_capacity(dcs.len());
    for (id, r) in dcs {
        let d = dc_mut(doc, &id)?;
        old_dcs.push((id, Rect::of_dc(d)));
        (d.x, d.y, d.w, d.h) = (r.x, r.y, r.w, r.h);
    }
    // Reversed, so an id listed twice ends at its first old value.
    old_nodes.reverse();
    old_dcs.reverse();
    Ok(Command::SetPlacement {
        nodes: old_nodes,
        dcs: old_dcs,
    })
}

pub(super) fn add_dc(doc: &mut Scenario, d: DataCenter) -> Result<Command, EditError> {
    if d.id.is_empty() {
        return Err(EditError::Refused("a data center needs an id".into()));
    }
    if doc.data_centers.iter().any(|o| o.id == d.id) {
        return Err(EditError::Refused(format!(
            "there is already a data center \"{}\"",
            d.id
        )));
    }
    finite(&[d.x, d.y, d.w, d.h])?;
    if d.w <= 0.0 || d.h <= 0.0 {
        return Err(EditError::Refused(
            "a data center needs a positive size".into(),
        ));
    }
    let id = d.id.clone();
    doc.data_centers.push(d);
    Ok(Command::RemoveDataCenter(id))
}

pub(super) fn remove_dc(doc: &mut Scenario, id: &str) -> Result<Command, EditError> {
    let index = doc
        .data_centers
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| EditError::Missing(format!("no data center \"{id}\"")))?;
    let dc = doc.data_centers.remove(index);
    let mut members = Vec::new();
    for n in doc.nodes.iter_mut().filter(|n| n.dc.as_deref() == Some(id)) {
        n.dc = None;
        members.push(n.id.clone());
    }
    let faults = take_where(&mut doc.faults, |f| f.dc.as_deref() == Some(id));
    Ok(Command::InsertDataCenter {
        index,
        dc,
        members,
        faults,
    })
}

pub(super) fn assign_dc(
    doc: &mut Scenario,
    list: Vec<(String, Option<String>)>,
) -> Result<Command, EditError> {
    for (id, _) in &list {
        node(doc, id)?;
    }
    let mut old = Vec::with_capacity(list.len());
    for (id, d) in list {
        let n = node_mut(doc, &id)?;
        old.push((id, std::mem::replace(&mut n.dc, d)));
    }
    old.reverse();
    Ok(Command::AssignDc(old))
}

pub(super) fn paste(
    doc: &mut Scenario,
    nodes: Vec<Node>,
    wires: Vec<Wire>,
) -> Result<Command, EditError> {
    let mut taken = ids::taken(doc);
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut after = doc.clone();
    let dcs: HashSet<&str> = doc.data_centers.iter().map(|d| d.id.as_str()).collect();
    for mut n in nodes {
        let id = ids::fresh(ids::prefix(n.kind), &mut taken);
        renamed.insert(std::mem::replace(&mut n.id, id.clone()), id);
        // A copy is told apart from its original: "Web 2" pasted beside itself is "Web 3".
        n.name = ids::fresh_name(&after, &n.name, false);
        if n.dc.as_deref().is_some_and(|d| !dcs.contains(d)) {
            n.dc = None;
        }
        after.nodes.push(n);
    }
    let first_wire = after.wires.len();
    for w in wires {
        if let (Some(f), Some(t)) = (renamed.get(&w.from), renamed.get(&w.to)) {
            after.wires.push(Wire {
                from: f.clone(),
                to: t.clone(),
                ..w.clone()
            });
        }
    }
    let mut prefixes: Vec<String> = renamed.values().map(|id| node_fields(id)).collect();
    prefixes.extend((first_wire..after.wires.len()).map(|i| format!("wires[{i}]")));
    let problems = new_problems(doc, &after, &prefixes);
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    let new_ids = after
        .nodes
        .iter()
        .skip(doc.nodes.len())
        .map(|n| n.id.clone())
        .collect();
    *doc = after;
    Ok(Command::RemoveNodes(new_ids))
}

/// Document-level fields `SetDocField` may change; the lists have their own commands.
/// `faults` is here too: a fault injected during a live run is recorded as one step.
const DOC_FIELDS: &[&str] = &[
    "name",
    "description",
    "seed",
    "network",
    "window_ms",
    "faults",
];

pub(super) fn set_doc_field(
    doc: &mut Scenario,
    key: String,
    value: serde_json::Value,
) -> Result<Command, EditError> {
    if !DOC_FIELDS.contains(&key.as_str()) {
        return Err(EditError::Refused(format!(
            "\"{key}\" is not an editable document field"
        )));
    }
    let header = |d: &Scenario| {
        serde_json::json!({
            "name": d.name, "description": d.description, "seed": d.seed,
            "network": d.network, "window_ms": d.window_ms, "faults": d.faults,
        })
    };
    let mut map = header(doc);
    let old = map.get(&key).cloned().unwrap_or(serde_json::Value::Null);
    if let Some(m) = map.as_object_mut() {
        m.insert(key.clone(), value);
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Header {
        name: String,
        description: String,
        seed: u64,
        network: crate::scenario::Network,
        window_ms: f64,
        faults: Vec<crate::scenario::Fault>,
    }
    let h: Header = serde_json::from_value(map).map_err(|e| {
        let msg = e.to_string().replace('`', "\"");
        EditError::Invalid(vec![crate::diagnostic::Diagnostic::new(key.clone(), msg)])
    })?;
    let mut after = doc.clone();
    (after.name, after.description, after.seed) = (h.name, h.description, h.seed);
    (after.network, after.window_ms, after.faults) = (h.network, h.window_ms, h.faults);
    let problems = new_problems(doc, &after, std::slice::from_ref(&key));
    if !problems.is_empty() {
        return Err(EditError::Invalid(problems));
    }
    *doc = after;
    Ok(Command::SetDocField { key, value: old })
}

pub(super) fn batch(doc: &mut Scenario, cmds: Vec<Command>) -> Result<Command, EditError> {
    let mut inverses = Vec::with_capacity(cmds.len());
    for c in cmds {
        match c.apply(doc) {
            Ok(inv) => inverses.push(inv),
            Err(e) => {
                // Undo what was done, newest first; inverses of applied commands succeed.
                while let Some(inv) = inverses.pop() {
                    let _ = inv.apply(doc);
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Command::Batch(inverses))
}
