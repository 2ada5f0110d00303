//! The event queue: a binary heap ordered by (time, sequence number), so events at the same
//! instant run in the order they were scheduled and every run is reproducible.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens. `a` and `b` are indices whose meaning depends on the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ev {
    /// Users node `a` emits its next request.
    Source,
    /// Request `b` reaches node `a` over a wire.
    Arrive,
    /// Node `a` finishes serving request `b`.
    Done,
    /// Request `b` is back at its web server after a downstream call.
    Return,
    /// Request `b` is re-sent by its client.
    Retry,
    /// Load balancer `a` probes its servers.
    HealthCheck,
    /// Database group `a` promotes a replica if its primary is still down.
    Failover,
    /// Scheduled fault number `a`.
    Fault,
    /// End of a metrics window.
    Window,
    /// Autoscaler `a` evaluates its pool.
    Autoscale,
    /// Server `a` finished booting for autoscaler `b`.
    Booted,
    /// Timed fault `a` ends (spike end).
    FaultEnd,
}

#[derive(Clone, Copy, Debug)]
pub struct Event {
    /// When [ms].
    pub t: f64,
    pub seq: u64,
    pub kind: Ev,
    pub a: u32,
    pub b: u32,
}

impl PartialEq for Event {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Event {
    /// Reversed, so the std max-heap pops the earliest event first.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// Pending events.
#[derive(Clone, Debug, Default)]
pub struct Queue {
    heap: BinaryHeap<Event>,
    seq: u64,
}

impl Queue {
    #[inline]
    pub fn push(&mut self, t: f64, kind: Ev, a: u32, b: u32) {
        self.seq += 1;
        self.heap.push(Event { t, seq: self.seq, kind, a, b });
    }

    #[inline]
    pub fn pop_until(&mut self, t: f64) -> Option<Event> {
        if self.heap.peek()?.t <= t {
            self.heap.pop()
        } else {
            None
        }
    }

    /// Time of the next event [ms].
    pub fn peek(&self) -> Option<f64> {
        self.heap.peek().map(|e| e.t)
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}
