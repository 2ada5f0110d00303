//! The event queue: a binary min-heap of 16-byte events ordered by (time, sequence number), so
//! events at the same instant run in the order they were scheduled and every run is
//! reproducible. Small events with integer keys keep the sift operations cheap (the engine's hot
//! path).

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
    /// A call with a policy: child request `id` times out, or (bit 27 set) the request
    /// `id & !(1 << 27)` retries its call after its backoff (`engine/calls.rs`).
    Call,
}

const KINDS: [Ev; 13] = [
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
    Ev::Call,
];

/// Largest `id` an event can carry (28 bits).
pub const MAX_ID: u32 = (1 << 28) - 1;

/// `KINDS` padded to 16 entries, so decoding a 4-bit kind needs no bounds check; only the first
/// 13 are ever pushed.
const KIND_OF: [Ev; 16] = {
    let mut t = [Ev::SpikeEnd; 16];
    let mut i = 0;
    while i < KINDS.len() {
        t[i] = KINDS[i];
        i += 1;
    }
    t
};

#[derive(Clone, Copy, Debug)]
struct Event {
    /// When, as [`time_key`]: an integer that sorts like `f64::total_cmp` on the time [ms].
    t: u64,
    /// Sequence number (high 32 bits, wrapping) | kind (4 bits) | id (28 bits).
    key: u64,
}

impl Event {
    /// Earlier time first, then earlier sequence number: the same total order as comparing the
    /// times with `f64::total_cmp`, in two integer comparisons.
    #[inline(always)]
    fn before(&self, o: &Event) -> bool {
        (u128::from(self.t) << 64 | u128::from(self.key))
            < (u128::from(o.t) << 64 | u128::from(o.key))
    }
}

/// An `f64` as a `u64` with the order of `f64::total_cmp`: positive numbers get the sign bit
/// set, negative ones have every bit flipped. Done once per push instead of in every
/// comparison of the heap.
#[inline(always)]
fn time_key(t: f64) -> u64 {
    let b = t.to_bits();
    b ^ ((((b as i64) >> 63) as u64) | (1 << 63))
}

/// The inverse of [`time_key`].
#[inline(always)]
fn key_time(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k ^ (1 << 63) } else { !k })
}

/// Pending events: an implicit binary min-heap on (time, sequence number).
#[derive(Clone, Debug, Default)]
pub struct Queue {
    heap: Vec<Event>,
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
        let e = Event {
            t: time_key(t),
            key,
        };
        // Sift up: move parents down into the hole until `e` fits.
        let mut i = self.heap.len();
        self.heap.push(e);
        // Indexing a slice is built in; indexing the Vec is a call that opt-level "z" keeps.
        let h = self.heap.as_mut_slice();
        while i > 0 {
            let parent = (i - 1) / 2;
            let p = h[parent];
            if !e.before(&p) {
                break;
            }
            h[i] = p;
            i = parent;
        }
        h[i] = e;
    }

    /// The earliest event if it is due by `t` [ms]: (time, kind, id).
    #[inline]
    pub fn pop_until(&mut self, t: f64) -> Option<(f64, Ev, u32)> {
        let top = *self.heap.first()?;
        let time = key_time(top.t);
        if time <= t {
            self.pop_top();
            let kind = KIND_OF[((top.key >> 28) & 0xF) as usize];
            Some((time, kind, (top.key as u32) & MAX_ID))
        } else {
            None
        }
    }

    /// Remove the root: the last event fills the hole at the top and sifts down along the
    /// earlier child. (Sifting the hole to a leaf first, as `std`'s `BinaryHeap` does, takes
    /// fewer comparisons but measured slower in wasm here; a 4-ary heap was faster in wasm and
    /// slower natively: see docs/benchmarks.md.)
    #[inline]
    #[allow(clippy::needless_range_loop)] // the index form is the fast one, see below
    fn pop_top(&mut self) {
        let Some(last) = self.heap.pop() else { return };
        let h = self.heap.as_mut_slice();
        let len = h.len();
        if len == 0 {
            return;
        }
        let mut i = 0;
        loop {
            let first = 2 * i + 1;
            if first >= len {
                break;
            }
            // The earlier child. Written as a loop over the (one or two) siblings on purpose:
            // `if c + 1 < len && h[c + 1].before(&h[c])` is the same logic but measured 10 %
            // slower natively (0.77 against 0.85 of the bare heap), the same in wasm.
            let mut c = first;
            let mut ce = h[first];
            for k in first + 1..(first + 2).min(len) {
                let e = h[k];
                if e.before(&ce) {
                    c = k;
                    ce = e;
                }
            }
            if !ce.before(&last) {
                break;
            }
            h[i] = ce;
            i = c;
        }
        h[i] = last;
    }

    /// Time of the next event [ms].
    pub fn peek(&self) -> Option<f64> {
        self.heap.first().map(|e| key_time(e.t))
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
    fn time_keys_sort_like_total_cmp_and_decode_back() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1e-300,
            0.5,
            16.7,
            1e300,
            f64::INFINITY,
        ];
        for a in xs {
            assert_eq!(key_time(time_key(a)).to_bits(), a.to_bits());
            for b in xs {
                assert_eq!(time_key(a).cmp(&time_key(b)), a.total_cmp(&b), "{a} vs {b}");
            }
        }
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
