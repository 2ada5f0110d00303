//! Locked controls for an embed (`controls=rate,fail:cache,outage:dc-us`): the list a
//! documentation page writes, read into typed controls and checked against the design. Each
//! item that cannot be shown is a [`Problem`] naming the item, its place in the list and what
//! could have been written instead; the items that can be shown still are.

use std::fmt;

use crate::{Action, Fault, Kind, Scenario};

/// One control an embed shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// Play/Pause (the clock is always shown).
    Play,
    /// Reset: the run from zero.
    Reset,
    /// The speed picker.
    Speed,
    /// The request-rate slider of a users node (its id).
    Rate(String),
    /// The Spike button of a users node (its id).
    Spike(String),
    /// Fail a node, and once failed, recover it (its id).
    Fail(String),
    /// Slow a node down, and once slowed, back to normal speed (its id).
    Slow(String),
    /// Outage of a data center, and once out, restore it (its id).
    Outage(String),
}

/// Why one item of the list is not shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The value is empty (`controls=`).
    Empty,
    /// Not a word of the vocabulary.
    Unknown,
    /// `fail`, `slow` or `outage` without the `:id` saying which.
    NeedsTarget,
    /// `play:x`: this control acts on the whole run.
    TakesNoTarget,
    /// No node with this id; the nodes that fit, and the closest id if one is close.
    NoNode {
        id: String,
        choices: Vec<String>,
        near: Option<String>,
    },
    /// A users node cannot fail or slow down; the nodes that can.
    CannotFail { id: String, choices: Vec<String> },
    /// `rate:x` or `spike:x` where `x` is not a users node; the users nodes.
    NotUsers { id: String, choices: Vec<String> },
    /// `rate` or `spike` in a design without a users node.
    NoUsers,
    /// No data center with this id; the design's data centers (maybe none).
    NoDc {
        id: String,
        choices: Vec<String>,
        near: Option<String>,
    },
    /// `none` together with other controls: the others are shown.
    NoneWithOthers,
    /// The same control again: shown once, where it was first listed (1-based).
    Repeated { first: usize },
}

/// An item of the list that is not shown, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The item as written (trimmed).
    pub item: String,
    /// Its place in the list, counting from 1 (0 for the whole list).
    pub position: usize,
    pub why: Why,
}

/// The controls an embed shows, in the order listed, and the items it could not show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locked {
    pub controls: Vec<Control>,
    pub problems: Vec<Problem>,
    /// Play was added because the list has no `play` and the figure does not autoplay, or
    /// lists `reset` (Reset stops the run at 0 s): a figure nobody can start shows nothing.
    pub play_implied: bool,
}

/// The words of the vocabulary, for "the controls are: ...".
pub const VOCABULARY: &str =
    "play, reset, speed, rate, rate:<users>, spike, spike:<users>, fail:<node>, slow:<node>, outage:<data center>, none";

/// How many choices a message lists before "and N more".
pub const MAX_CHOICES: usize = 12;

/// Reads `list` (the value of `controls=`) for `doc`. `autoplay`: the figure starts by itself;
/// if not, or if the list has `reset`, Play is shown even where the list leaves it out
/// (`play_implied`).
pub fn parse(list: &str, doc: &Scenario, autoplay: bool) -> Locked {
    let mut out = Locked::default();
    // Where each control was first listed (1-based), to report a repeat.
    let mut seen: Vec<(Control, usize)> = Vec::new();
    // Empty items (`rate,,spike`, a trailing comma) are slips of the pen with nothing to show.
    let items: Vec<(usize, &str)> = list
        .split(',')
        .map(str::trim)
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, s)| (i + 1, s))
        .collect();
    if items.is_empty() {
        out.problems.push(Problem {
            item: String::new(),
            position: 0,
            why: Why::Empty,
        });
    }
    for &(position, item) in &items {
        let problem = |why| Problem {
            item: item.to_string(),
            position,
            why,
        };
        if item.eq_ignore_ascii_case("none") {
            if items.len() > 1 {
                out.problems.push(problem(Why::NoneWithOthers));
            }
            continue;
        }
        match control(item, doc) {
            Ok(c) => match seen.iter().find(|(s, _)| *s == c) {
                Some((_, first)) => out.problems.push(problem(Why::Repeated { first: *first })),
                None => {
                    seen.push((c.clone(), position));
                    out.controls.push(c);
                }
            },
            Err(why) => out.problems.push(problem(why)),
        }
    }
    let can_stop = out.controls.contains(&Control::Reset);
    if (!autoplay || can_stop) && !out.controls.contains(&Control::Play) {
        out.controls.insert(0, Control::Play);
        out.play_implied = true;
    }
    out
}

/// One item, `word` or `word:target`, as a control of `doc`.
fn control(item: &str, doc: &Scenario) -> Result<Control, Why> {
    let (word, target) = match item.split_once(':') {
        Some((w, t)) => (w.trim(), Some(t.trim())),
        None => (item, None),
    };
    let word = word.to_ascii_lowercase();
    match (word.as_str(), target) {
        ("play" | "reset" | "speed", Some(_)) => Err(Why::TakesNoTarget),
        ("play", None) => Ok(Control::Play),
        ("reset", None) => Ok(Control::Reset),
        ("speed", None) => Ok(Control::Speed),
        ("rate", t) => users(doc, t).map(Control::Rate),
        ("spike", t) => users(doc, t).map(Control::Spike),
        ("fail" | "slow" | "outage", None | Some("")) => Err(Why::NeedsTarget),
        ("fail", Some(id)) => can_fail(doc, id).map(Control::Fail),
        ("slow", Some(id)) => can_fail(doc, id).map(Control::Slow),
        ("outage", Some(id)) => data_center(doc, id).map(Control::Outage),
        _ => Err(Why::Unknown),
    }
}

/// The users node `target` names, or when none is named the first in the document: the one
/// the dock's traffic controls act on when no users node is selected.
fn users(doc: &Scenario, target: Option<&str>) -> Result<String, Why> {
    let all = ids(doc, |k| k == Kind::Users);
    match target.filter(|t| !t.is_empty()) {
        None => doc
            .nodes
            .iter()
            .find(|n| n.kind == Kind::Users)
            .map(|n| n.id.clone())
            .ok_or(Why::NoUsers),
        Some(id) => match doc.node(id) {
            Some(n) if n.kind == Kind::Users => Ok(id.to_string()),
            Some(_) => Err(Why::NotUsers {
                id: id.into(),
                choices: all,
            }),
            None => Err(Why::NoNode {
                id: id.into(),
                near: nearest(id, &all),
                choices: all,
            }),
        },
    }
}

/// Node `id`, if it is one that can fail (every kind but users).
fn can_fail(doc: &Scenario, id: &str) -> Result<String, Why> {
    let choices = ids(doc, |k| k != Kind::Users);
    match doc.node(id) {
        Some(n) if n.kind != Kind::Users => Ok(id.to_string()),
        Some(_) => Err(Why::CannotFail {
            id: id.into(),
            choices,
        }),
        None => Err(Why::NoNode {
            id: id.into(),
            near: nearest(id, &choices),
            choices,
        }),
    }
}

fn data_center(doc: &Scenario, id: &str) -> Result<String, Why> {
    if doc.data_centers.iter().any(|d| d.id == id) {
        return Ok(id.to_string());
    }
    let mut choices: Vec<String> = doc.data_centers.iter().map(|d| d.id.clone()).collect();
    choices.sort();
    Err(Why::NoDc {
        id: id.into(),
        near: nearest(id, &choices),
        choices,
    })
}

/// The ids of `doc`'s nodes whose kind passes `keep`, sorted (easier to scan than canvas order).
fn ids(doc: &Scenario, keep: impl Fn(Kind) -> bool) -> Vec<String> {
    let mut ids: Vec<String> = doc
        .nodes
        .iter()
        .filter(|n| keep(n.kind))
        .map(|n| n.id.clone())
        .collect();
    ids.sort();
    ids
}

/// The choice closest to a mistyped `id`, if it is at most two edits away (`cahce` -> `cache`).
fn nearest(id: &str, choices: &[String]) -> Option<String> {
    choices
        .iter()
        .map(|c| (edits(id, c), c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.clone())
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`.
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0_usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Whether a toggle control is in its second state given the faults of the run so far
/// (soonest first, as `run::fault_marks` gives them): the node failed or slowed, the data
/// center out. Its button then offers the way back (Recover, Normal speed, Restore).
pub fn engaged(control: &Control, marks: &[Fault]) -> bool {
    let on_node = |id: &str, f: &Fault| f.node.as_deref() == Some(id);
    let last = |hit: &dyn Fn(&Fault) -> bool| marks.iter().rev().find(|f| hit(f));
    match control {
        Control::Fail(id) => {
            last(&|f| on_node(id, f) && matches!(f.action, Action::Fail | Action::Recover))
                .is_some_and(|f| f.action == Action::Fail)
        }
        // A factor of 1 is the "Normal speed" button's.
        Control::Slow(id) => last(&|f| on_node(id, f) && f.action == Action::Slow)
            .is_some_and(|f| f.factor.is_some_and(|x| x != 1.0)),
        Control::Outage(id) => last(&|f| {
            f.dc.as_deref() == Some(id.as_str())
                && matches!(f.action, Action::DcOutage | Action::DcRestore)
        })
        .is_some_and(|f| f.action == Action::DcOutage),
        _ => false,
    }
}

/// `choices` for a message: "a, b, c" or "a, b, ... and 3 more"; "none" when empty.
fn listed(choices: &[String]) -> String {
    if choices.is_empty() {
        return "none".into();
    }
    let shown = choices[..choices.len().min(MAX_CHOICES)].join(", ");
    match choices.len().saturating_sub(MAX_CHOICES) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// A problem in English, for the author of the page: the item, its place, what is wrong, what
/// could be written instead.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.why == Why::Empty {
            return write!(
                f,
                "controls: the list is empty; name the controls to show ({VOCABULARY})"
            );
        }
        write!(f, "controls: '{}' (item {}) — ", self.item, self.position)?;
        let near = |near: &Option<String>| {
            near.as_ref()
                .map(|n| format!(" (did you mean '{n}'?)"))
                .unwrap_or_default()
        };
        match &self.why {
            Why::Empty => Ok(()),
            Why::Unknown => write!(f, "not a control; the controls are: {VOCABULARY}"),
            Why::NeedsTarget => {
                let word = self.item.split(':').next().unwrap_or_default();
                let what = if word.eq_ignore_ascii_case("outage") {
                    "data center"
                } else {
                    "node"
                };
                write!(f, "needs the {what} it acts on, as {word}:<{what} id>")
            }
            Why::TakesNoTarget => {
                let word = self.item.split(':').next().unwrap_or_default();
                write!(f, "acts on the whole run; write just '{word}'")
            }
            Why::NoNode {
                id,
                choices,
                near: n,
            } => write!(
                f,
                "no node '{id}' in this design{}; nodes that fit: {}",
                near(n),
                listed(choices)
            ),
            Why::CannotFail { id, choices } => write!(
                f,
                "'{id}' is a users node, which cannot fail or slow down; nodes that can: {}",
                listed(choices)
            ),
            Why::NotUsers { id, choices } => write!(
                f,
                "'{id}' is not a users node; users nodes: {}",
                listed(choices)
            ),
            Why::NoUsers => write!(f, "this design has no users node to set the rate of"),
            Why::NoDc {
                id,
                choices,
                near: n,
            } => write!(
                f,
                "no data center '{id}' in this design{}; data centers: {}",
                near(n),
                listed(choices)
            ),
            Why::NoneWithOthers => write!(f, "'none' with other controls; the others are shown"),
            Why::Repeated { first } => write!(f, "already listed as item {first}; shown once"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_a_swap_as_one() {
        assert_eq!(edits("cahce", "cache"), 1);
        assert_eq!(edits("cache", "cache"), 0);
        assert_eq!(edits("db", "lb"), 1);
        assert_eq!(edits("", "web"), 3);
    }

    #[test]
    fn long_lists_are_cut() {
        let many: Vec<String> = (1..=15).map(|i| format!("n{i}")).collect();
        let s = listed(&many);
        assert!(s.ends_with("n12 and 3 more"), "{s}");
        assert_eq!(listed(&[]), "none");
    }
}
