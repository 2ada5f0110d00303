//! A traced request's path, as the canvas lights it: the nodes it visited and the wires it
//! travelled, everything else dimmed while the waterfall is open.

use scaleboard_sim::trace::{Phase, Trace};

/// What the canvas lights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lit {
    /// Node ids the request visited (`Trace::path`).
    pub nodes: Vec<String>,
    /// Wires it travelled, as (from, to) in either direction: each network hop, and each pair of
    /// nodes next to each other on the path.
    pub hops: Vec<(String, String)>,
}

impl Lit {
    pub fn of(trace: &Trace) -> Lit {
        let path = trace.path();
        let mut hops: Vec<(String, String)> = Vec::new();
        let mut add = |a: &str, b: &str| {
            if a != b && !hops.iter().any(|(x, y)| x == a && y == b) {
                hops.push((a.to_string(), b.to_string()));
            }
        };
        for pair in path.windows(2) {
            add(pair[0], pair[1]);
        }
        for s in trace.spans.iter().filter(|s| s.phase == Phase::Network) {
            if let Some(from) = &s.from {
                add(from, &s.node);
            }
        }
        Lit {
            nodes: path.into_iter().map(str::to_string).collect(),
            hops,
        }
    }

    pub fn node(&self, id: &str) -> bool {
        self.nodes.iter().any(|n| n == id)
    }

    /// Whether the wire `from -> to` is on the path (travelled either way).
    pub fn wire(&self, from: &str, to: &str) -> bool {
        self.hops
            .iter()
            .any(|(a, b)| (a == from && b == to) || (a == to && b == from))
    }
}
