//! The event queue: a binary heap of 16-byte events ordered by (time, sequence number), so
//! events at the same instant run in the order they were scheduled and every run is
//! reproducible. Small events keep the heap's sift operations cheap (the engine's hot path).

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens; `id`'s meaning depends on the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Ev {
    /// Users stream `id & 0xFFF` (generation `id >> 12`) emits its next request.
    Source,
    /// Request `id` reaches the node in its `at` field over a wire.
    Arrive,
    /// The node in request `id`'s `at` field finishes serving it.
    Done,
    /// Request `id` is back at its web server after a downstream call.
    Return,
    /// Request `id` is re-sent by its client.
    Retry,
    /// Load balancer `id` probes its servers.
    HealthCheck,
    /// Database group `id` promotes a replica if its primary is still down.
    Failover,
    /// Scheduled fault number `id`.
    Fault,
    /// End of a metrics window.
    Window,
    /// Autoscaler `id` evaluates its pool.
    Autoscale,
    /// Autoscaled server `id` finished booting.
    Booted,
    /// A rate spike of users stream `id` ends.
    SpikeEnd,
}

const KINDS: [Ev; 12] = [
    Ev::Source,
    Ev::Arrive,
    Ev::Done,
    Ev::Return,
    Ev::Retry,
    Ev::HealthCheck,
    Ev::Failover,
    Ev::Fault,
    Ev::Window,
    Ev::Autoscale,
    Ev::Booted,
    Ev::SpikeEnd,
];

/// Largest `id` an event can carry (28 bits).
pub const MAX_ID: u32 = (1 << 28) - 1;

#[derive(Clone, Copy, Debug)]
struct Event {
    /// When [ms].
    t: f64,
    /// Sequence number (high 32 bits, wrapping) | kind (4 bits) | id (28 bits).
    key: u64,
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
        o.t.total_cmp(&self.t).then(o.key.cmp(&self.key))
    }
}

/// Pending events.
#[derive(Clone, Debug, Default)]
pub struct Queue {
    heap: BinaryHeap<Event>,
    seq: u32,
}

impl Queue {
    /// Schedule `kind` for `id` at `t` [ms].
    #[inline]
    pub fn push(&mut self, t: f64, kind: Ev, id: u32) {
        // The sequence wraps after 2^32 events; the order stays deterministic either way.
        self.seq = self.seq.wrapping_add(1);
        let key =
            (u64::from(self.seq) << 32) | (u64::from(kind as u8) << 28) | u64::from(id & MAX_ID);
        self.heap.push(Event { t, key });
    }

    /// The earliest event if it is due by `t` [ms]: (time, kind, id).
    #[inline]
    pub fn pop_until(&mut self, t: f64) -> Option<(f64, Ev, u32)> {
        if self.heap.peek()?.t <= t {
            let e = self.heap.pop()?;
            let kind = KINDS[((e.key >> 28) & 0xF) as usize % KINDS.len()];
            Some((e.t, kind, (e.key as u32) & MAX_ID))
        } else {
            None
        }
    }

    /// Time of the next event [ms].
    pub fn peek(&self) -> Option<f64> {
        self.heap.peek().map(|e| e.t)
    }

    /// Events pending.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_time_events_pop_in_scheduling_order() {
        let mut q = Queue::default();
        q.push(5.0, Ev::Done, 1);
        q.push(1.0, Ev::Arrive, 2);
        q.push(5.0, Ev::Retry, 3);
        q.push(5.0, Ev::Window, 4);
        let order: Vec<u32> = std::iter::from_fn(|| q.pop_until(10.0))
            .map(|e| e.2)
            .collect();
        assert_eq!(order, vec![2, 1, 3, 4]);
        assert_eq!(std::mem::size_of::<Event>(), 16);
    }

    #[test]
    fn pops_in_time_then_scheduling_order_under_random_interleaving() {
        // Random pushes and pops (times on a coarse grid, so ties are common) against a plain
        // sorted list of (time, sequence) as the reference.
        let mut q = Queue::default();
        let mut reference: Vec<(f64, u32)> = Vec::new();
        let mut x: u64 = 0x1234_5678_9ABC_DEF1;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (mut now, mut id) = (0.0, 0u32);
        for _ in 0..200_000 {
            if next() % 3 != 0 || reference.is_empty() {
                let t = now + (next() % 50) as f64 * 0.5;
                q.push(t, Ev::Arrive, id);
                reference.push((t, id));
                id += 1;
            } else {
                let (i, _) = reference
                    .iter()
                    .enumerate()
                    .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(a.1 .1.cmp(&b.1 .1)))
                    .unwrap_or((0, &(0.0, 0)));
                let want = reference.swap_remove(i);
                let got = q.pop_until(f64::INFINITY).map(|(t, _, id)| (t, id));
                assert_eq!(got, Some(want));
                now = want.0;
            }
            if reference.len() > 64 {
                // Keep the reference search cheap: drain some.
                while reference.len() > 16 {
                    let (i, _) = reference
                        .iter()
                        .enumerate()
                        .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0).then(a.1 .1.cmp(&b.1 .1)))
                        .unwrap_or((0, &(0.0, 0)));
                    let want = reference.swap_remove(i);
                    assert_eq!(
                        q.pop_until(f64::INFINITY).map(|(t, _, id)| (t, id)),
                        Some(want)
                    );
                    now = want.0;
                }
            }
        }
        assert_eq!(q.len(), reference.len());
        assert_eq!(q.pop_until(-1.0), None, "nothing is due before its time");
    }
}
