//! Problems said in the user's own words: the names they gave their components, not the ids
//! and JSON paths a file's diagnostics use (`nodes[users-1]: users must be wired to an entry
//! point` becomes `"Users" must be wired to an entry point: ...`).

use crate::diagnostic::Diagnostic;
use crate::scenario::Scenario;

/// What a diagnostic's path points at, by the id it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// `nodes[ID]` or `nodes[ID].field`.
    Node(&'a str, Option<&'a str>),
    /// `wires[I]`.
    Wire(usize),
    /// `data_centers[ID]...`.
    DataCenter(&'a str),
    /// `faults[I]...`.
    Fault(usize),
    /// Anything else (`name`, `nodes`).
    Document,
}

/// The thing `path` names: `nodes[web-1].workers` is node `web-1`, field `workers`.
pub fn subject(path: &str) -> Subject<'_> {
    let bracket = |prefix: &str| -> Option<(&str, &str)> {
        let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
        let end = rest.find(']')?;
        Some((&rest[..end], &rest[end + 1..]))
    };
    if let Some((id, rest)) = bracket("nodes") {
        return Subject::Node(id, rest.strip_prefix('.'));
    }
    if let Some((i, _)) = bracket("wires") {
        if let Ok(i) = i.parse() {
            return Subject::Wire(i);
        }
    }
    if let Some((id, _)) = bracket("data_centers") {
        return Subject::DataCenter(id);
    }
    if let Some((i, _)) = bracket("faults") {
        if let Ok(i) = i.parse() {
            return Subject::Fault(i);
        }
    }
    Subject::Document
}

/// The node a diagnostic is about, if any: the one to point at on the canvas.
pub fn node_of(d: &Diagnostic) -> Option<&str> {
    match subject(&d.path) {
        Subject::Node(id, _) => Some(id),
        _ => None,
    }
}

/// A node's name as people see it (through `shown`), quoted, or its id when it has no name.
fn name(doc: &Scenario, id: &str, shown: &dyn Fn(&str) -> String) -> String {
    let n = doc
        .node(id)
        .map(|n| n.name.as_str())
        .filter(|n| !n.is_empty())
        .map_or_else(|| id.to_string(), shown);
    format!("\u{201c}{n}\u{201d}")
}

/// `d` in the user's words, with the names of `doc`'s components instead of ids and paths.
pub fn in_words(d: &Diagnostic, doc: &Scenario) -> String {
    in_words_shown(d, doc, &|n| n.to_string())
}

/// [`in_words`], with each name as the interface shows it (`shown`: the Korean reading of a
/// built-in name, say), so a problem quotes what is written on the canvas.
pub fn in_words_shown(d: &Diagnostic, doc: &Scenario, shown: &dyn Fn(&str) -> String) -> String {
    match subject(&d.path) {
        Subject::Node(id, field) => {
            let who = name(doc, id, shown);
            let article = doc.node(id).map(|n| n.kind.article());
            // "users must be wired..." about "Users" reads "\u{201c}Users\u{201d} must be wired...".
            match (field, article) {
                (None, Some(a)) if d.message.starts_with(&format!("{a} ")) => {
                    format!("{who}{}", &d.message[a.len()..])
                }
                (None, _) => format!("{who}: {}", d.message),
                (Some(f), _) => format!("{who}, {f}: {}", d.message),
            }
        }
        Subject::Wire(i) => match doc.wires.get(i) {
            Some(w) => format!(
                "the wire {} \u{2192} {}: {}",
                name(doc, &w.from, shown),
                name(doc, &w.to, shown),
                d.message
            ),
            None => d.to_string(),
        },
        Subject::DataCenter(id) => {
            let region = doc
                .data_centers
                .iter()
                .find(|x| x.id == id)
                .map_or_else(|| id.to_string(), |x| shown(&x.name));
            format!("\u{201c}{region}\u{201d}: {}", d.message)
        }
        Subject::Fault(i) => format!("scheduled fault {}: {}", i + 1, d.message),
        Subject::Document => d.message.clone(),
    }
}
