//! A traced request's path, as the canvas lights it: the nodes it visited and the wires it
//! travelled, everything else dimmed while the waterfall is open.

use scaleboard_sim::trace::{Phase, Trace};
use scaleboard_sim::Wire;

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

    /// The same path over the design's `wires`: a hop between two nodes that no wire joins
    /// (a web server reaching a replica through its primary's wire, a shard past its router)
    /// lights the shortest wired route between them instead, so the lit path has no hole. The
    /// nodes on that route in between stay unlit: the request did not stop there.
    pub fn through(&self, wires: &[Wire]) -> Lit {
        let joined = |a: &str, b: &str| {
            wires
                .iter()
                .any(|w| (w.from == a && w.to == b) || (w.from == b && w.to == a))
        };
        let mut out = self.clone();
        for (a, b) in &self.hops {
            if joined(a, b) {
                continue;
            }
            for pair in wired_route(wires, a, b).windows(2) {
                if !out.wire(&pair[0], &pair[1]) {
                    out.hops.push((pair[0].clone(), pair[1].clone()));
                }
            }
        }
        out
    }

    /// Whether the wire `from -> to` is on the path (travelled either way).
    pub fn wire(&self, from: &str, to: &str) -> bool {
        self.hops
            .iter()
            .any(|(a, b)| (a == from && b == to) || (a == to && b == from))
    }
}

/// Shortest route from `a` to `b` over `wires` taken either way (breadth first, wires in the
/// document's order), `a` and `b` included; empty if none joins them.
fn wired_route(wires: &[Wire], a: &str, b: &str) -> Vec<String> {
    let mut came_from: Vec<(String, String)> = vec![(a.to_string(), String::new())];
    let mut frontier = vec![a.to_string()];
    while !frontier.is_empty() && !came_from.iter().any(|(n, _)| n == b) {
        let mut next = Vec::new();
        for at in &frontier {
            for w in wires {
                let other = if w.from == *at {
                    &w.to
                } else if w.to == *at {
                    &w.from
                } else {
                    continue;
                };
                if !came_from.iter().any(|(n, _)| n == other) {
                    came_from.push((other.clone(), at.clone()));
                    next.push(other.clone());
                }
            }
        }
        frontier = next;
    }
    let mut route = Vec::new();
    let mut at = b.to_string();
    while let Some((_, prev)) = came_from.iter().find(|(n, _)| *n == at) {
        route.push(at.clone());
        if prev.is_empty() {
            route.reverse();
            return route;
        }
        at = prev.clone();
    }
    Vec::new()
}
