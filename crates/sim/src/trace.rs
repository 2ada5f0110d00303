//! Request traces: where one request's time went, hop by hop, from the moment its user sent
//! it to the moment the answer (or the failure) reached them, retries included.
//!
//! A trace is a list of [`Span`]s on one time axis that starts at the request's first attempt
//! (0 ms). Spans of one attempt never overlap and follow the request: the network to a node,
//! waiting in its queue, being served, the network to the next node, ..., the network back.
//! The waterfall draws each span as a bar; the canvas lights `Trace::path`.
//!
//! This file is the contract between the engine (which records traces) and the views (the
//! app's waterfall, the CLI's `--trace-slowest`); both read only these types.

use serde::{Deserialize, Serialize};

/// What a stretch of a request's time was spent on.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Travelling on a wire from `Span::from` to `Span::node` (one-way network latency).
    Network,
    /// Waiting in line at `Span::node`: every worker was busy.
    Queue,
    /// Being served by one of `Span::node`'s workers. A node that forwards at once (DNS, a
    /// load balancer without service time) shows as a zero-length `Service` span, so the path
    /// names every node the request passed.
    Service,
    /// The client waiting before it retries a failed attempt (backoff).
    Backoff,
}

/// How an attempt, or the whole request, ended.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    Ok,
    Timeout,
    /// A queue was full (503).
    Rejected,
    /// Sent to a node that was down.
    NodeDown,
    /// Its sticky session died with a stateful web server.
    SessionLost,
    /// A rate limiter turned it away (429).
    Throttled,
}

/// One stretch of a request's time.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Span {
    /// Which attempt (0 = the first, 1 = the first retry, ...).
    pub attempt: u8,
    pub phase: Phase,
    /// The node the time was spent at; for `Network`, the node travelled to (the client's
    /// users node on the way back); for `Backoff`, the users node.
    pub node: String,
    /// For `Network`: the node travelled from. (Never skipped when absent: traces cross the
    /// worker boundary as postcard, which cannot skip fields.)
    #[serde(default)]
    pub from: Option<String>,
    /// Start and end on the trace's axis [ms since the first attempt was sent].
    pub start_ms: f64,
    pub end_ms: f64,
    /// `Network` only: `node` was down when the request reached it, so it was not served there
    /// (a cache that is down: the web server goes on to the database; any other node: the
    /// attempt fails there).
    #[serde(default)]
    pub down: bool,
}

/// One attempt's end.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Attempt {
    pub ending: Ending,
    /// When the client learned of it [ms since the first attempt was sent].
    pub at_ms: f64,
    /// The node where it failed (`None` when it succeeded or timed out at the client).
    #[serde(default)]
    pub failed_at: Option<String>,
}

/// One request, end to end.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Trace {
    /// The users node that sent it.
    pub users: String,
    /// Static, read, write or job (as in [`crate::CLASSES`]).
    pub class: String,
    /// When the first attempt was sent [ms of simulated time].
    pub sent_ms: f64,
    /// What the user waited: until the answer, or until the last failure reached them [ms].
    pub latency_ms: f64,
    /// How the request ended (its last attempt's ending).
    pub ending: Ending,
    /// Each attempt's end, in order.
    pub attempts: Vec<Attempt>,
    /// In time order.
    pub spans: Vec<Span>,
}

impl Trace {
    /// The nodes the request visited, in order, each once (for lighting the path).
    pub fn path(&self) -> Vec<&str> {
        let mut path: Vec<&str> = Vec::new();
        for s in &self.spans {
            for id in s.from.iter().chain(std::iter::once(&s.node)) {
                if !path.contains(&id.as_str()) {
                    path.push(id);
                }
            }
        }
        path
    }

    /// Time spent per phase over the whole request [ms], in `Phase` order: network, queue,
    /// service, backoff.
    pub fn totals(&self) -> [f64; 4] {
        let mut t = [0.0; 4];
        for s in &self.spans {
            t[s.phase as usize] += s.end_ms - s.start_ms;
        }
        t
    }
}
