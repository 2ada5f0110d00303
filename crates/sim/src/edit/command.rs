//! Edits as commands: [`Command::apply`] changes the document and returns the command that
//! undoes it. Applying the inverse restores the document exactly (same values, same order),
//! which the tests check for every variant.

use super::check::{check_wire_full, new_problems, with_field, EditError};
use super::geometry::Rect;
use super::ops::*;
use crate::scenario::{DataCenter, Fault, Node, Scenario, Wire};

/// One edit of a [`Scenario`]. Variants marked "inverse" exist to undo others exactly; they
/// do not validate, so the UI should not build them itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Append a node. Refused if its id is empty or taken or its values are invalid.
    AddNode(Node),
    /// Remove nodes, with every wire and fault that refers to them.
    RemoveNodes(Vec<String>),
    /// Inverse of `RemoveNodes`: put nodes, wires and faults back at their indices.
    InsertNodes {
        /// (index in `nodes`, node), ascending indices.
        nodes: Vec<(usize, Node)>,
        /// (index in `wires`, wire), ascending indices.
        wires: Vec<(usize, Wire)>,
        /// (index in `faults`, fault), ascending indices.
        faults: Vec<(usize, Fault)>,
    },
    /// Move nodes by a distance [px].
    MoveNodes {
        /// Nodes to move.
        ids: Vec<String>,
        /// Horizontal distance [px].
        dx: f64,
        /// Vertical distance [px].
        dy: f64,
    },
    /// Put one node's centre at (`x`, `y`) [px].
    SetNodePosition {
        /// The node.
        id: String,
        /// Centre, horizontal [px].
        x: f64,
        /// Centre, vertical [px].
        y: f64,
    },
    /// Absolute placement of nodes (centres [px]) and data centers (rectangles [px]), applied
    /// in order. A drag applies one per pointer move; it is also the inverse of every move.
    SetPlacement {
        /// (node id, centre x [px], centre y [px]).
        nodes: Vec<(String, f64, f64)>,
        /// (data center id, rectangle [px]).
        dcs: Vec<(String, Rect)>,
    },
    /// Set a node field by its JSON key (`"workers"`, `"service"`); `null` resets an optional
    /// field to the kind's default. Refused with diagnostics if the node becomes invalid.
    SetParam {
        /// The node.
        id: String,
        /// JSON field name, as in the scenario file.
        key: String,
        /// New value, as in the scenario file.
        value: serde_json::Value,
    },
    /// Inverse of `SetParam`: replace the node with the same id wholesale.
    ReplaceNode(Node),
    /// Replace the whole document (New, Open, a journey step); its inverse puts the old one
    /// back, so opening something never loses the work that was there.
    ReplaceDocument(Box<Scenario>),
    /// Set a node's display name.
    Rename {
        /// The node.
        id: String,
        /// New display name.
        name: String,
    },
    /// Append a wire. Refused (with a short reason) for unknown ends, self-loops, duplicates
    /// and directions the kinds cannot carry.
    AddWire(Wire),
    /// Remove the wire `from -> to`.
    RemoveWire {
        /// Source node id.
        from: String,
        /// Target node id.
        to: String,
    },
    /// Set a field of the wire `from -> to` by its JSON key (`latency_ms`, `policy`,
    /// `breaker`); `null` removes an optional field. Refused with diagnostics if the wire
    /// becomes invalid.
    SetWireField {
        /// Source node id.
        from: String,
        /// Target node id.
        to: String,
        /// JSON field name, as in the scenario file.
        key: String,
        /// New value, as in the scenario file.
        value: serde_json::Value,
    },
    /// Inverse of `SetWireField`: replace the wire with the same ends wholesale.
    ReplaceWire(Wire),
    /// Inverse of `RemoveWire`: put a wire back at its index.
    InsertWire {
        /// Index in `wires`.
        index: usize,
        /// The wire.
        wire: Wire,
    },
    /// Append a data center. Refused if its id is empty or taken or its size is not positive.
    AddDataCenter(DataCenter),
    /// Move a data center and every node in it by a distance [px].
    MoveDataCenter {
        /// The data center.
        id: String,
        /// Horizontal distance [px].
        dx: f64,
        /// Vertical distance [px].
        dy: f64,
    },
    /// Give a data center a new rectangle [px]; its nodes stay where they are.
    ResizeDataCenter {
        /// The data center.
        id: String,
        /// New rectangle [px]; width and height must be above 0.
        rect: Rect,
    },
    /// Set a data center's display name and region.
    EditDataCenter {
        /// The data center.
        id: String,
        /// Display name.
        name: String,
        /// Region (matched against users' regions for latency).
        region: String,
    },
    /// Remove a data center; its nodes stay, outside any data center, and faults aimed at it go.
    RemoveDataCenter(String),
    /// Inverse of `RemoveDataCenter`.
    InsertDataCenter {
        /// Index in `data_centers`.
        index: usize,
        /// The data center.
        dc: DataCenter,
        /// Nodes that were in it.
        members: Vec<String>,
        /// (index in `faults`, fault) aimed at it, ascending indices.
        faults: Vec<(usize, Fault)>,
    },
    /// Put nodes into a data center (`Some`) or take them out of any (`None`).
    SetNodeDc {
        /// The nodes.
        ids: Vec<String>,
        /// The data center, which must exist.
        dc: Option<String>,
    },
    /// Inverse of `SetNodeDc`: (node id, data center) applied in order.
    AssignDc(Vec<(String, Option<String>)>),
    /// Append copies of nodes with fresh ids (`web-3`), and the wires among them (ends given
    /// by the copies' old ids). A data center that does not exist here is dropped.
    Paste {
        /// Nodes to copy, positions already offset by the caller.
        nodes: Vec<Node>,
        /// Wires between those nodes, by their old ids.
        wires: Vec<Wire>,
    },
    /// Replace the scripted faults and traffic changes. Refused with diagnostics if invalid.
    SetFaults(Vec<Fault>),
    /// Set a document-level field by its JSON key: `name`, `description`, `seed`, `network`,
    /// `window_ms`. Refused with diagnostics if invalid. (Traffic lives on users nodes, see
    /// `SetParam` with `rate_rps`, and in `SetFaults`.)
    SetDocField {
        /// JSON field name, as in the scenario file.
        key: String,
        /// New value, as in the scenario file.
        value: serde_json::Value,
    },
    /// Several commands as one; all or nothing.
    Batch(Vec<Command>),
}

impl Command {
    /// Apply to `doc` and return the command that undoes it. On `Err` the document is
    /// unchanged.
    pub fn apply(self, doc: &mut Scenario) -> Result<Command, EditError> {
        use Command::*;
        match self {
            AddNode(n) => add_node(doc, n),
            RemoveNodes(ids) => remove_nodes(doc, &ids),
            InsertNodes {
                nodes,
                wires,
                faults,
            } => {
                let ids = nodes.iter().map(|(_, n)| n.id.clone()).collect();
                insert_at(&mut doc.nodes, nodes);
                insert_at(&mut doc.wires, wires);
                insert_at(&mut doc.faults, faults);
                Ok(RemoveNodes(ids))
            }
            MoveNodes { ids, dx, dy } => {
                finite(&[dx, dy])?;
                let mut place = Vec::with_capacity(ids.len());
                for id in &ids {
                    let n = node(doc, id)?;
                    place.push((id.clone(), n.x + dx, n.y + dy));
                }
                SetPlacement {
                    nodes: place,
                    dcs: Vec::new(),
                }
                .apply(doc)
            }
            SetNodePosition { id, x, y } => SetPlacement {
                nodes: vec![(id, x, y)],
                dcs: Vec::new(),
            }
            .apply(doc),
            SetPlacement { nodes, dcs } => set_placement(doc, nodes, dcs),
            SetParam { id, key, value } => {
                let old = node(doc, &id)?.clone();
                let new = with_field(&old, &key, value)?;
                replace_checked(doc, new)
            }
            ReplaceNode(n) => {
                let slot = node_mut(doc, &n.id)?;
                Ok(ReplaceNode(std::mem::replace(slot, n)))
            }
            ReplaceDocument(new) => Ok(ReplaceDocument(Box::new(std::mem::replace(doc, *new)))),
            Rename { id, name } => {
                let slot = node_mut(doc, &id)?;
                let old = std::mem::replace(&mut slot.name, name);
                Ok(Rename { id, name: old })
            }
            AddWire(w) => {
                check_wire_full(doc, &w).map_err(EditError::Refused)?;
                let inverse = RemoveWire {
                    from: w.from.clone(),
                    to: w.to.clone(),
                };
                doc.wires.push(w);
                Ok(inverse)
            }
            RemoveWire { from, to } => {
                let index = wire_index(doc, &from, &to)?;
                Ok(InsertWire {
                    index,
                    wire: doc.wires.remove(index),
                })
            }
            SetWireField {
                from,
                to,
                key,
                value,
            } => set_wire_field(doc, &from, &to, &key, value),
            ReplaceWire(w) => {
                let i = wire_index(doc, &w.from, &w.to)?;
                Ok(ReplaceWire(std::mem::replace(&mut doc.wires[i], w)))
            }
            InsertWire { index, wire } => {
                let inverse = RemoveWire {
                    from: wire.from.clone(),
                    to: wire.to.clone(),
                };
                insert_at(&mut doc.wires, vec![(index, wire)]);
                Ok(inverse)
            }
            AddDataCenter(dc) => add_dc(doc, dc),
            MoveDataCenter { id, dx, dy } => {
                finite(&[dx, dy])?;
                let r = Rect::of_dc(dc(doc, &id)?);
                let moved = Rect::new(r.x + dx, r.y + dy, r.w, r.h);
                let nodes = doc
                    .nodes
                    .iter()
                    .filter(|n| n.dc.as_deref() == Some(id.as_str()))
                    .map(|n| (n.id.clone(), n.x + dx, n.y + dy))
                    .collect();
                SetPlacement {
                    nodes,
                    dcs: vec![(id, moved)],
                }
                .apply(doc)
            }
            ResizeDataCenter { id, rect } => {
                finite(&[rect.x, rect.y, rect.w, rect.h])?;
                if rect.w <= 0.0 || rect.h <= 0.0 {
                    return Err(EditError::Refused(
                        "a data center needs a positive size".into(),
                    ));
                }
                let d = dc_mut(doc, &id)?;
                let old = Rect::of_dc(d);
                (d.x, d.y, d.w, d.h) = (rect.x, rect.y, rect.w, rect.h);
                Ok(ResizeDataCenter { id, rect: old })
            }
            EditDataCenter { id, name, region } => {
                let d = dc_mut(doc, &id)?;
                let name = std::mem::replace(&mut d.name, name);
                let region = std::mem::replace(&mut d.region, region);
                Ok(EditDataCenter { id, name, region })
            }
            RemoveDataCenter(id) => remove_dc(doc, &id),
            InsertDataCenter {
                index,
                dc,
                members,
                faults,
            } => {
                let id = dc.id.clone();
                insert_at(&mut doc.data_centers, vec![(index, dc)]);
                for n in doc.nodes.iter_mut().filter(|n| members.contains(&n.id)) {
                    n.dc = Some(id.clone());
                }
                insert_at(&mut doc.faults, faults);
                Ok(RemoveDataCenter(id))
            }
            SetNodeDc { ids, dc: target } => {
                if let Some(d) = &target {
                    dc(doc, d)?;
                }
                assign_dc(
                    doc,
                    ids.into_iter().map(|id| (id, target.clone())).collect(),
                )
            }
            AssignDc(list) => assign_dc(doc, list),
            Paste { nodes, wires } => paste(doc, nodes, wires),
            SetFaults(faults) => {
                let mut after = doc.clone();
                after.faults = faults;
                let problems = new_problems(doc, &after, &["faults".to_string()]);
                if !problems.is_empty() {
                    return Err(EditError::Invalid(problems));
                }
                Ok(SetFaults(std::mem::replace(&mut doc.faults, after.faults)))
            }
            SetDocField { key, value } => set_doc_field(doc, key, value),
            Batch(cmds) => batch(doc, cmds),
        }
    }
}

impl Command {
    /// A live run's log (the faults injected, the seed), which a read-only diagram still
    /// records: it changes what is replayed, not what is drawn.
    pub fn is_run_log(&self) -> bool {
        matches!(self, Command::SetDocField { key, .. } if key == "faults" || key == "seed")
    }

    /// Ids of the nodes a `RemoveNodes` command names (after a paste or add: the new ids).
    pub fn removed_ids(&self) -> &[String] {
        match self {
            Command::RemoveNodes(ids) => ids,
            _ => &[],
        }
    }
}
