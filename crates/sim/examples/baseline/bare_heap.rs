//! The baseline the engine's speed is measured against: a minimal discrete-event simulation of
//! the reference network (`tests/fixtures/reference-round-robin.json`) on a binary heap, with
//! nothing the app needs beyond the queueing itself: no metrics histograms, no windows, no
//! deadlines, no faults, no routing tables. It draws the same distributions (Poisson arrivals,
//! exponential service, a 0.8 cache hit) from the same generator family, so "engine / bare heap"
//! is the price of everything the engine does on top.
//!
//! Shared by `examples/bench.rs` (native), `examples/wasm_digest.rs` (wasm) and
//! `tests/bare_heap.rs` (which checks it against queueing theory, so the baseline is a real
//! simulation and not a loop that skips work).

use rand_core::{Rng as _, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Arrival rate [requests/s], web servers, workers each, mean service [ms], as in the fixture.
const RATE_RPS: f64 = 2240.0;
const WEB_SERVERS: usize = 4;
const WEB_WORKERS: u32 = 8;
const WEB_MS: f64 = 10.0;
const CACHE_MS: f64 = 1.0;
const HIT_RATIO: f64 = 0.8;
const DB_WORKERS: u32 = 16;
const DB_MS: f64 = 25.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arrival,
    WebDone,
    CacheDone,
    DbDone,
}

/// An event: time [ms], a sequence number for a total order, what, which request.
struct Event {
    t: f64,
    seq: u64,
    kind: Kind,
    req: u32,
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
    /// Reversed: `BinaryHeap` is a max-heap and the earliest event must come out first.
    fn cmp(&self, o: &Self) -> Ordering {
        o.t.total_cmp(&self.t).then(o.seq.cmp(&self.seq))
    }
}

/// A station: busy workers and the requests waiting for one.
#[derive(Default)]
struct Station {
    busy: u32,
    queue: VecDeque<u32>,
}

/// The outcome of a run.
pub struct Bare {
    /// Requests answered.
    pub requests: u64,
    /// Events processed.
    pub events: u64,
    /// Mean response time of the answered requests [ms].
    pub mean_ms: f64,
}

struct World {
    heap: BinaryHeap<Event>,
    seq: u64,
    rng: Xoshiro256PlusPlus,
    /// Arrival time of each request slot [ms] and the web server serving it.
    t0: Vec<f64>,
    web_of: Vec<u8>,
    free: Vec<u32>,
    web: [Station; WEB_SERVERS],
    db: Station,
    rr: usize,
}

impl World {
    fn push(&mut self, t: f64, kind: Kind, req: u32) {
        self.seq += 1;
        self.heap.push(Event {
            t,
            seq: self.seq,
            kind,
            req,
        });
    }

    fn uniform(&mut self) -> f64 {
        // 53 random bits in [0, 1).
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn exponential(&mut self, mean: f64) -> f64 {
        -mean * libm::log(1.0 - self.uniform())
    }

    /// Take a free worker of `station` for `req`, or queue it.
    fn serve(&mut self, now: f64, at: Target, req: u32) {
        let (station, workers, mean, done) = match at {
            Target::Web(w) => (&mut self.web[w], WEB_WORKERS, WEB_MS, Kind::WebDone),
            Target::Db => (&mut self.db, DB_WORKERS, DB_MS, Kind::DbDone),
        };
        if station.busy < workers {
            station.busy += 1;
            let t = now + self.exponential(mean);
            self.push(t, done, req);
        } else {
            station.queue.push_back(req);
        }
    }

    /// A worker of `station` finished; start the next waiting request there.
    fn release(&mut self, now: f64, at: Target) {
        let station = match at {
            Target::Web(w) => &mut self.web[w],
            Target::Db => &mut self.db,
        };
        match station.queue.pop_front() {
            Some(next) => {
                let (mean, done) = match at {
                    Target::Web(_) => (WEB_MS, Kind::WebDone),
                    Target::Db => (DB_MS, Kind::DbDone),
                };
                let t = now + self.exponential(mean);
                self.push(t, done, next);
            }
            None => station.busy -= 1,
        }
    }
}

#[derive(Clone, Copy)]
enum Target {
    Web(usize),
    Db,
}

/// Simulate the reference network for `sim_s` seconds with `seed`.
pub fn run(sim_s: f64, seed: u64) -> Bare {
    let end = sim_s * 1000.0;
    let mut w = World {
        heap: BinaryHeap::with_capacity(1024),
        seq: 0,
        rng: Xoshiro256PlusPlus::seed_from_u64(seed),
        t0: Vec::new(),
        web_of: Vec::new(),
        free: Vec::new(),
        web: Default::default(),
        db: Station::default(),
        rr: 0,
    };
    let (mut requests, mut events, mut total_ms) = (0u64, 0u64, 0.0f64);
    w.push(0.0, Kind::Arrival, 0);
    while let Some(e) = w.heap.pop() {
        if e.t > end {
            break;
        }
        events += 1;
        let now = e.t;
        match e.kind {
            Kind::Arrival => {
                let gap = w.exponential(1000.0 / RATE_RPS);
                w.push(now + gap, Kind::Arrival, 0);
                let req = match w.free.pop() {
                    Some(r) => r,
                    None => {
                        w.t0.push(0.0);
                        w.web_of.push(0);
                        (w.t0.len() - 1) as u32
                    }
                };
                // Round robin over the web servers, as the fixture's load balancer.
                let web = w.rr;
                w.rr = (w.rr + 1) % WEB_SERVERS;
                w.t0[req as usize] = now;
                w.web_of[req as usize] = web as u8;
                w.serve(now, Target::Web(web), req);
            }
            Kind::WebDone => {
                // As in the engine, the web worker is free once its own work is done; the cache
                // (1,000 workers, never a queue at this rate) answers after its fixed time.
                let web = usize::from(w.web_of[e.req as usize]);
                w.release(now, Target::Web(web));
                w.push(now + CACHE_MS, Kind::CacheDone, e.req);
            }
            Kind::CacheDone => {
                if w.uniform() < HIT_RATIO {
                    answer(&mut w, now, e.req, &mut requests, &mut total_ms);
                } else {
                    w.serve(now, Target::Db, e.req);
                }
            }
            Kind::DbDone => {
                w.release(now, Target::Db);
                answer(&mut w, now, e.req, &mut requests, &mut total_ms);
            }
        }
    }
    Bare {
        requests,
        events,
        mean_ms: if requests > 0 {
            total_ms / requests as f64
        } else {
            0.0
        },
    }
}

/// Request `req` is answered at `now`: count it and free its slot.
fn answer(w: &mut World, now: f64, req: u32, requests: &mut u64, total_ms: &mut f64) {
    *requests += 1;
    *total_ms += now - w.t0[req as usize];
    w.free.push(req);
}
