//! Undo and redo. Every applied command leaves its inverse on the undo stack; a group opened
//! with [`History::mark`] collects the inverses of a whole gesture (a drag) and becomes one
//! step on [`History::commit`], or is undone on [`History::rollback_to_mark`] (Escape).
//! Changes that come from the simulation are applied to the document directly and never
//! enter history (Excalidraw's `CaptureUpdateAction.NEVER`).

use super::check::EditError;
use super::command::Command;
use crate::scenario::Scenario;

/// Default bound on undo steps.
pub const DEFAULT_DEPTH: usize = 500;

/// Undo/redo stacks of inverse commands, bounded in depth.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    undo: Vec<Command>,
    redo: Vec<Command>,
    /// Inverses collected since `mark`, oldest first; `None` when no gesture is open.
    open: Option<Vec<Command>>,
    depth: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_DEPTH)
    }
}

impl History {
    /// Empty history keeping at most `depth` undo steps (at least 1).
    pub fn new(depth: usize) -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
            depth: depth.max(1),
        }
    }

    /// Apply `cmd` to `doc` and record its inverse (in the open group, if any). Clears redo.
    /// On `Err` neither the document nor the history changes.
    pub fn apply(&mut self, doc: &mut Scenario, cmd: Command) -> Result<(), EditError> {
        let inverse = cmd.apply(doc)?;
        self.record(inverse);
        Ok(())
    }

    /// Record the inverse of an edit already made. Clears redo.
    pub fn record(&mut self, inverse: Command) {
        self.redo.clear();
        match &mut self.open {
            Some(group) => push_merged(group, inverse),
            None => self.push_undo(inverse),
        }
    }

    fn push_undo(&mut self, inverse: Command) {
        self.undo.push(inverse);
        if self.undo.len() > self.depth {
            let extra = self.undo.len() - self.depth;
            self.undo.drain(..extra);
        }
    }

    /// Open a group: everything applied until [`History::commit`] is one undo step. A mark
    /// while a group is open keeps the open group.
    pub fn mark(&mut self) {
        if self.open.is_none() {
            self.open = Some(Vec::new());
        }
    }

    /// Whether a group is open.
    pub fn is_marked(&self) -> bool {
        self.open.is_some()
    }

    /// Close the open group as one undo step (nothing if it recorded nothing).
    pub fn commit(&mut self) {
        if let Some(group) = self.open.take() {
            if let Some(step) = squash(group) {
                self.push_undo(step);
            }
        }
    }

    /// Undo everything recorded since [`History::mark`] and close the group, leaving no step.
    pub fn rollback_to_mark(&mut self, doc: &mut Scenario) {
        if let Some(group) = self.open.take() {
            for inverse in group.into_iter().rev() {
                // Inverses of commands that applied cannot fail on the state they produced.
                let _ = inverse.apply(doc);
            }
        }
    }

    /// Undo the last step; `Ok(false)` if there was none. Commits an open group first.
    pub fn undo(&mut self, doc: &mut Scenario) -> Result<bool, EditError> {
        self.commit();
        let Some(inverse) = self.undo.pop() else {
            return Ok(false);
        };
        match inverse.clone().apply(doc) {
            Ok(redo) => {
                self.redo.push(redo);
                Ok(true)
            }
            Err(e) => {
                // The document was changed outside history; keep the step rather than lose it.
                self.undo.push(inverse);
                Err(e)
            }
        }
    }

    /// Redo the last undone step; `Ok(false)` if there was none.
    pub fn redo(&mut self, doc: &mut Scenario) -> Result<bool, EditError> {
        self.commit();
        let Some(cmd) = self.redo.pop() else {
            return Ok(false);
        };
        match cmd.clone().apply(doc) {
            Ok(inverse) => {
                self.push_undo(inverse);
                Ok(true)
            }
            Err(e) => {
                self.redo.push(cmd);
                Err(e)
            }
        }
    }

    /// Whether [`History::undo`] would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.open.as_ref().is_some_and(|g| !g.is_empty())
    }

    /// Whether [`History::redo`] would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of undo steps.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of redo steps.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forget everything (a new or opened document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.open = None;
    }
}

/// Add an inverse to a group (oldest first). Runs of placements merge into one, keeping each
/// item's oldest position, so a 300-move drag of 200 nodes stores 200 positions, not 60,000.
fn push_merged(group: &mut Vec<Command>, inv: Command) {
    match (group.last_mut(), inv) {
        (
            Some(Command::SetPlacement { nodes, dcs }),
            Command::SetPlacement {
                nodes: newer_nodes,
                dcs: newer_dcs,
            },
        ) => {
            // `nodes` holds older values; newer ones only add ids not yet present.
            merge_first(nodes, newer_nodes, |a| &a.0);
            merge_first(dcs, newer_dcs, |a| &a.0);
        }
        (_, inv) => group.push(inv),
    }
}

/// One step from a group's inverses (oldest first): a batch that undoes them newest first.
fn squash(mut group: Vec<Command>) -> Option<Command> {
    match group.len() {
        0 => None,
        1 => group.pop(),
        _ => {
            group.reverse();
            Some(Command::Batch(group))
        }
    }
}

/// Append to `older` the items of `newer` whose key is not in `older`.
fn merge_first<T>(older: &mut Vec<T>, newer: Vec<T>, key: impl Fn(&T) -> &String) {
    let seen: std::collections::HashSet<String> = older.iter().map(|t| key(t).clone()).collect();
    older.extend(newer.into_iter().filter(|t| !seen.contains(key(t))));
}
