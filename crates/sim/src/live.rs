//! What an edit made during a run means for that run. A run works on a compiled copy of the
//! scenario, frozen when it started; each later edit either changes nothing the engine sees,
//! applies live, or needs a restart, and the UI says which: an edit is never silently ignored.

use crate::scenario::{Action, Fault, Node, Scenario};

/// How an edited document relates to the one a run was compiled from.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Nothing the simulation sees: positions, names, descriptions, or faults already applied.
    None,
    /// Only arrival rates of users nodes changed: apply these faults now.
    Live(Vec<Fault>),
    /// Only the seed changed: restart, the same design with other random numbers.
    Reseed,
    /// The design changed (nodes, wires, parameters): the run must restart to use it.
    Restart,
}

/// A node as the engine sees it when compiling: without canvas position and display name, and
/// without its rate, which changes live.
fn engine_view(n: &Node) -> Node {
    Node {
        rate_rps: None,
        ..n.unplaced()
    }
}

/// How `new` differs from `running`, the document a run at simulated time `now_s` [s] was
/// compiled from. `injected` are the faults the UI applied live during the run (they appear in
/// `new.faults` because every injection is recorded there, so a drill replays exactly).
pub fn classify(running: &Scenario, new: &Scenario, injected: &[Fault]) -> Change {
    let same_nodes = running.nodes.len() == new.nodes.len()
        && running
            .nodes
            .iter()
            .zip(&new.nodes)
            .all(|(a, b)| engine_view(a) == engine_view(b));
    let same_rest = running.wires == new.wires
        && running.same_regions(new)
        && running.network == new.network
        && running.window_ms == new.window_ms;
    // Faults: the run's own, plus the ones injected live, in any order.
    let mut expected: Vec<&Fault> = running.faults.iter().chain(injected).collect();
    let mut got: Vec<&Fault> = new.faults.iter().collect();
    let key = |f: &&Fault| {
        (
            f.at_s.to_bits(),
            format!("{:?}", f.action),
            f.node.clone(),
            f.dc.clone(),
        )
    };
    expected.sort_by_key(key);
    got.sort_by_key(key);
    let same_faults = expected == got;
    if !(same_nodes && same_rest && same_faults) {
        return Change::Restart;
    }
    if running.seed != new.seed {
        return Change::Reseed;
    }
    let mut rates = Vec::new();
    for (a, b) in running.nodes.iter().zip(&new.nodes) {
        if a.rate_rps == b.rate_rps {
            continue;
        }
        // Back to the kind's default rate: the engine has no live "default", so restart.
        let Some(rate) = b.rate_rps else {
            return Change::Restart;
        };
        rates.push(Fault {
            at_s: 0.0,
            action: Action::SetRate,
            node: Some(b.id.clone()),
            dc: None,
            factor: None,
            rate_rps: Some(rate),
            duration_s: None,
            from: None,
            to: None,
            delay_ms: None,
        });
    }
    if rates.is_empty() {
        Change::None
    } else {
        Change::Live(rates)
    }
}
