//! The record a run keeps for scrubbing back: its closed windows, each with every node's
//! figures, within a fixed memory budget. Every window is kept while they fit; then every
//! second one, then every fourth, and so on: sampled, never merged, so each kept window is
//! exactly what the run measured, and an hour-long run is covered end to end.

use crate::metrics::{NodeWindow, Window};

/// Memory the record may take [bytes]: 16 MiB.
pub const BUDGET_BYTES: usize = 16 << 20;
/// Windows kept at least and at most, whatever the design's size.
const MIN_KEPT: usize = 60;
const MAX_KEPT: usize = 3_600;

/// The kept windows of one run.
#[derive(Clone, Debug)]
pub struct Record {
    /// (ordinal of the window in the run, the window), oldest first.
    kept: Vec<(u64, Window)>,
    /// Keep windows whose ordinal is a multiple of this: 1, then 2, 4, ...
    stride: u64,
    /// Ordinal of the next window offered.
    next: u64,
    /// The most windows kept before thinning.
    cap: usize,
}

impl Record {
    /// A record for a design of `nodes` nodes (autoscaled copies included).
    pub fn new(nodes: usize) -> Record {
        let per = Self::window_bytes(nodes);
        Record {
            kept: Vec::new(),
            stride: 1,
            next: 0,
            cap: (BUDGET_BYTES / per).clamp(MIN_KEPT, MAX_KEPT),
        }
    }

    /// What one kept window of `nodes` nodes takes [bytes], estimated from the types' sizes.
    fn window_bytes(nodes: usize) -> usize {
        std::mem::size_of::<(u64, Window)>() + nodes * std::mem::size_of::<NodeWindow>()
    }

    /// Offer the run's next closed window (in order).
    pub fn push(&mut self, w: &Window) {
        let ordinal = self.next;
        self.next += 1;
        if !ordinal.is_multiple_of(self.stride) {
            return;
        }
        if self.kept.len() == self.cap {
            // Full: keep every second of what is kept, and from now on every second window.
            self.stride *= 2;
            let stride = self.stride;
            self.kept.retain(|(o, _)| o.is_multiple_of(stride));
            if !ordinal.is_multiple_of(stride) {
                return;
            }
        }
        self.kept.push((ordinal, w.clone()));
    }

    /// The run as of `t_ms`: the first kept window that ends at or after it (the one that holds
    /// it, or ends exactly then), or the last one if `t_ms` is later than any. `None` before any
    /// window closed.
    pub fn at(&self, t_ms: f64) -> Option<&Window> {
        let i = self.kept.partition_point(|(_, w)| w.end_ms < t_ms);
        self.kept.get(i).or(self.kept.last()).map(|(_, w)| w)
    }

    /// Windows kept now.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Windows seen so far, kept or not.
    pub fn seen(&self) -> u64 {
        self.next
    }

    /// One kept window in how many.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// The most windows it keeps.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Memory the kept windows take [bytes], estimated as in [`Record::new`].
    pub fn bytes(&self) -> usize {
        self.kept
            .iter()
            .map(|(_, w)| Self::window_bytes(w.nodes.len()))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(i: u64) -> Window {
        Window {
            start_ms: i as f64 * 1000.0,
            end_ms: (i + 1) as f64 * 1000.0,
            ..Window::default()
        }
    }

    #[test]
    fn keeps_every_window_while_they_fit_then_thins_evenly() {
        let mut r = Record::new(1);
        let cap = r.cap() as u64;
        for i in 0..cap {
            r.push(&window(i));
        }
        assert_eq!((r.len() as u64, r.stride()), (cap, 1));
        for i in cap..cap * 5 {
            r.push(&window(i));
        }
        assert!(r.len() <= r.cap());
        assert_eq!(r.stride(), 8, "5 x cap windows, kept one in 8");
        // Even coverage: kept windows are one stride apart, from the first to the last.
        let starts: Vec<f64> = r.kept.iter().map(|(_, w)| w.start_ms).collect();
        assert_eq!(starts[0], 0.0);
        assert!(starts.windows(2).all(|p| p[1] - p[0] == 8_000.0));
        assert!(*starts.last().unwrap_or(&0.0) >= (cap * 5 - 8) as f64 * 1000.0);
    }

    #[test]
    fn a_moment_is_the_window_that_holds_it_or_ends_then() {
        let mut r = Record::new(1);
        assert!(r.at(0.0).is_none());
        for i in 0..10 {
            r.push(&window(i));
        }
        assert_eq!(r.at(3_500.0).map(|w| w.start_ms), Some(3_000.0));
        assert_eq!(
            r.at(3_000.0).map(|w| w.end_ms),
            Some(3_000.0),
            "as of 3 s: the second before"
        );
        assert_eq!(r.at(-5.0).map(|w| w.start_ms), Some(0.0));
        assert_eq!(r.at(99_000.0).map(|w| w.start_ms), Some(9_000.0));
    }

    #[test]
    fn the_budget_bounds_big_designs_and_small_ones_keep_an_hour() {
        assert_eq!(Record::new(30).cap(), MAX_KEPT, "an hour of 1 s windows");
        let big = Record::new(2_000);
        assert!(big.cap() >= MIN_KEPT);
        assert!(
            big.cap() * Record::window_bytes(2_000)
                <= BUDGET_BYTES.max(MIN_KEPT * Record::window_bytes(2_000))
        );
    }
}
