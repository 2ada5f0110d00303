//! Routing decisions of each kind: where DNS, load balancers and shard routers send a
//! request, which database member serves it, cache lookups, and the job queue.

use super::*;
use crate::metrics::Outcome;
use crate::rng::mix64;
use crate::scenario::{Policy, Sharding};

impl Sim {
    /// Entry hop from users or DNS: static assets prefer a CDN, everything else avoids one;
    /// DNS then picks the nearest data center that was healthy when the client last resolved.
    pub(super) fn pick_entry(&mut self, n: u32, r: u32) -> Option<(u32, u32, f64)> {
        let req = self.reqs[r as usize];
        let node = &self.nodes[n as usize];
        let cands = if req.class == STATIC {
            &node.entry_static
        } else {
            &node.entry_dynamic
        };
        let users = &self.users[req.src as usize];
        let region = &self.nodes[users.node as usize].p.region;
        let i = if node.kind == Kind::Dns {
            let down = self.dc_mask_at(self.resolved_at(n, req.user));
            let up = |i: &&usize| {
                self.nodes[node.out[**i] as usize]
                    .dc
                    .is_none_or(|d| down & (1 << d) == 0)
            };
            let local = |i: &&usize| {
                region.is_empty() || self.nodes[node.out[**i] as usize].region == *region
            };
            cands
                .iter()
                .filter(up)
                .find(local)
                .or_else(|| cands.iter().find(up))
                .or(cands.first())
                .copied()?
        } else {
            // Several entry points without DNS: spread users by a stable hash. (One entry
            // point, the usual case, needs neither the hash nor a division.)
            match cands.len() {
                0 => return None,
                1 => cands[0],
                len => cands[(mix64(u64::from(req.user)) % len as u64) as usize],
            }
        };
        let (t, w) = (node.out[i], node.wire[i]);
        let mut lat = node.lat[i];
        let tr = &self.nodes[t as usize].region;
        if node.kind == Kind::Dns && !node.explicit[i] && !region.is_empty() && !tr.is_empty() {
            lat = if tr == region {
                self.net.intra_dc_ms
            } else {
                self.net.cross_region_ms
            };
            lat += self.wires[w as usize].added;
        }
        Some((t, w, lat))
    }

    /// When `user`'s cached DNS answer was obtained [ms]: clients refresh every TTL, at a
    /// phase fixed per user, so after a change traffic moves over gradually within one TTL.
    fn resolved_at(&self, dns: u32, user: u32) -> f64 {
        let ttl = self.nodes[dns as usize].p.ttl_s * 1000.0;
        if ttl <= 0.0 {
            return self.now;
        }
        let phase = (mix64(u64::from(user) ^ 0xD15) >> 11) as f64 / (1u64 << 53) as f64 * ttl;
        if self.now < phase {
            return 0.0;
        }
        libm::floor((self.now - phase) / ttl) * ttl + phase
    }

    /// Data centers down at time `t` [ms], one bit each.
    fn dc_mask_at(&self, t: f64) -> u64 {
        self.dc_history
            .iter()
            .rev()
            .find(|(from, _)| *from <= t)
            .map_or(0, |(_, m)| *m)
    }

    /// Load balancer `n` picks a server it believes healthy.
    pub(super) fn pick_server(&mut self, n: u32, r: u32) -> Option<(u32, u32, f64)> {
        let user = self.reqs[r as usize].user;
        // The random picks, drawn first from the balancer's own stream.
        let (ra, rb) = {
            let node = &mut self.nodes[n as usize];
            let len = node.out.len() as u64;
            let rng = &mut node.route_rng;
            match node.p.policy {
                _ if node.sticky || len == 0 => (0, 0),
                Policy::Random => (rng.below(len) as usize, 0),
                Policy::PowerOfTwo => (rng.below(len) as usize, rng.below(len) as usize),
                _ => (0, 0),
            }
        };
        let node = &self.nodes[n as usize];
        let len = node.out.len();
        let ok = |i: usize| !node.known_down[i] && !self.nodes[node.out[i] as usize].parked;
        if len == 0 {
            return None;
        }
        let load = |i: usize| {
            let t = &self.nodes[node.out[i] as usize];
            t.busy as usize + t.queue.len()
        };
        let i = if node.sticky {
            let h = (mix64(u64::from(user)) % len as u64) as usize;
            (0..len).map(|k| (h + k) % len).find(|&i| ok(i))?
        } else {
            match node.p.policy {
                Policy::RoundRobin => {
                    let start = below(node.rr as usize, len);
                    let i = (1..=len).map(|k| wrap(start + k, len)).find(|&i| ok(i))?;
                    self.nodes[n as usize].rr = i as u32;
                    i
                }
                Policy::Random => (0..len).map(|k| (ra + k) % len).find(|&i| ok(i))?,
                Policy::LeastConnections => (0..len).filter(|&i| ok(i)).min_by_key(|&i| load(i))?,
                Policy::PowerOfTwo => {
                    let a = (0..len).map(|k| (ra + k) % len).find(|&i| ok(i))?;
                    let b = (0..len).map(|k| (rb + k) % len).find(|&i| ok(i))?;
                    if load(b) < load(a) {
                        b
                    } else {
                        a
                    }
                }
            }
        };
        let node = &self.nodes[n as usize];
        Some((node.out[i], node.wire[i], node.lat[i]))
    }

    /// Load balancer `n` probes its servers and updates its view.
    pub(super) fn health_check(&mut self, n: u32) {
        let out = self.nodes[n as usize].out.clone();
        let view: Vec<bool> = out.iter().map(|&t| !self.alive(t)).collect();
        let node = &mut self.nodes[n as usize];
        node.known_down = view;
        let every = node.p.health_check_ms;
        self.q.push(self.now + every, Ev::HealthCheck, n);
    }

    /// Shard router `n`: the shard of `r`'s key, then the member that serves it.
    pub(super) fn pick_shard(&mut self, n: u32, r: u32, write: bool) -> Option<(u32, u32, f64)> {
        let key = self.reqs[r as usize].key;
        let node = &self.nodes[n as usize];
        let shards = node.shards.len();
        if shards == 0 {
            return None;
        }
        let s = match node.p.sharding {
            Sharding::Modulo => key as usize % shards,
            Sharding::ConsistentHash => ring_shard(&node.ring, key),
        };
        let g = node.shards[s];
        let lat = node.lat.get(s).copied().unwrap_or(0.0);
        let w = node.wire.get(s).copied().unwrap_or(0);
        self.pick_member(g, write).map(|t| (t, w, lat))
    }

    /// Database group `g`: writes to the primary, reads to a live replica (round robin),
    /// or to the primary when no replica is up.
    pub(super) fn pick_member(&mut self, g: u32, write: bool) -> Option<u32> {
        let grp = &self.groups[g as usize];
        let primary = grp.primary;
        if !write {
            let len = grp.members.len();
            let start = below(grp.rr as usize, len);
            let found = (1..=len)
                .map(|k| wrap(start + k, len))
                .find(|&i| grp.members[i] != primary && self.alive(grp.members[i]));
            if let Some(i) = found {
                self.groups[g as usize].rr = i as u32;
                return Some(self.groups[g as usize].members[i]);
            }
        }
        // A dead primary still gets the write, which then fails as "node down".
        Some(primary)
    }

    /// Promote the first live replica of group `g` if its primary is still down.
    pub(super) fn failover(&mut self, g: u32) {
        let grp = &self.groups[g as usize];
        if self.alive(grp.primary) {
            return;
        }
        let primary = grp.primary;
        if let Some(&m) = grp.members.iter().find(|&&m| m != primary && self.alive(m)) {
            self.groups[g as usize].primary = m;
            for k in self.groups[g as usize].members.clone() {
                self.nodes[k as usize].meter.changes |= meter::FAILED_OVER;
            }
        }
    }

    /// Cache or CDN `n` looks up `r`'s key; records the hit or miss.
    pub(super) fn lookup(&mut self, n: u32, r: u32) -> bool {
        let key = self.reqs[r as usize].key;
        let node = &mut self.nodes[n as usize];
        let hit = match node.p.hit_ratio {
            Some(h) => node.route_rng.uniform() < h,
            None if node.slots.is_empty() => false,
            None => {
                let (k, exp) =
                    node.slots[(mix64(u64::from(key)) % node.slots.len() as u64) as usize];
                k == key.wrapping_add(1) && exp > self.now
            }
        };
        let st = &mut self.nodes[n as usize].st;
        if hit {
            st.hits += 1;
        } else {
            st.misses += 1;
        }
        hit
    }

    /// Cache-aside fill after a database read.
    pub(super) fn fill(&mut self, c: u32, key: u32) {
        let now = self.now;
        let node = &mut self.nodes[c as usize];
        if node.slots.is_empty() || node.failed {
            return;
        }
        let i = (mix64(u64::from(key)) % node.slots.len() as u64) as usize;
        node.slots[i] = (key.wrapping_add(1), now + node.p.ttl_s * 1000.0);
    }

    /// A write drops the cached copy of its key.
    pub(super) fn invalidate(&mut self, c: u32, key: u32) {
        let node = &mut self.nodes[c as usize];
        if node.slots.is_empty() {
            return;
        }
        let i = (mix64(u64::from(key)) % node.slots.len() as u64) as usize;
        if node.slots[i].0 == key.wrapping_add(1) {
            node.slots[i] = (0, 0.0);
        }
    }

    /// Message queue `n` accepts a job from `r`, acknowledges at once, and keeps a copy
    /// for the workers.
    pub(super) fn enqueue_job(&mut self, n: u32, r: u32) {
        let node = &self.nodes[n as usize];
        if node.queue.len() >= node.p.queue_capacity as usize {
            return self.finish(r, Outcome::Rejected);
        }
        let req = self.reqs[r as usize];
        let job = self.alloc(Req {
            flags: JOB,
            link: 0,
            t_node: self.now,
            web: n,
            trace: 0,
            ..req
        });
        self.touch(n);
        self.nodes[n as usize].queue.push_back(job);
        self.dispatch_jobs(n);
        // The queue acknowledges at once: no wait, no service time.
        let t = self.reqs[r as usize].trace;
        if t != 0 {
            self.tr_served(t);
        }
        self.call_return(r);
    }

    /// Hand queued jobs of queue `m` to free workers.
    pub(super) fn dispatch_jobs(&mut self, m: u32) {
        let out = self.nodes[m as usize].out.clone();
        for w in out {
            self.pull_jobs(w);
            if self.nodes[m as usize].queue.is_empty() {
                break;
            }
        }
    }

    /// Worker node `w` takes jobs from its queue while it has free workers.
    pub(super) fn pull_jobs(&mut self, w: u32) {
        let Some(m) = self.nodes[w as usize].mq_src else {
            return;
        };
        // A cut queue -> worker wire stops the worker pulling; restoring it resumes.
        while self.alive(w)
            && self.alive(m)
            && !self.wires[self.nodes[w as usize].mq_wire as usize].cut
        {
            let node = &self.nodes[w as usize];
            if node.busy >= node.p.workers {
                break;
            }
            self.touch(m);
            let Some(job) = self.nodes[m as usize].queue.pop_front() else {
                break;
            };
            self.nodes[w as usize].st.arrivals += 1;
            self.reqs[job as usize].t_node = self.now;
            self.start(w, job);
        }
    }

    /// A worker died holding `job`: the queue delivers it again (at-least-once).
    pub(super) fn redeliver(&mut self, job: u32) {
        // A job's `web` field holds the queue it came from.
        let m = self.reqs[job as usize].web;
        self.touch(m);
        self.nodes[m as usize].queue.push_front(job);
        self.dispatch_jobs(m);
    }
}

/// `x % len` for `x < 2 * len`: round-robin cursors step past the end by at most `len`, and a
/// subtraction is much cheaper than the division `%` costs on every request.
#[inline]
fn wrap(x: usize, len: usize) -> usize {
    if x >= len {
        x - len
    } else {
        x
    }
}

/// `x % len` (0 for an empty list), skipping the division when `x` is already below `len`: a
/// cursor is always an index into the list it cycles through.
#[inline]
fn below(x: usize, len: usize) -> usize {
    if x < len {
        x
    } else {
        x.checked_rem(len).unwrap_or(0)
    }
}

/// Virtual points per shard on the consistent-hash ring.
const RING_POINTS: u32 = 64;

/// The consistent-hash ring of `shards` shards: `RING_POINTS` points each, sorted by hash.
pub(super) fn hash_ring(shards: u32) -> Vec<(u64, u32)> {
    let mut ring: Vec<(u64, u32)> = (0..shards)
        .flat_map(|s| {
            (0..RING_POINTS).map(move |p| (mix64((u64::from(s) << 32) | u64::from(p)), s))
        })
        .collect();
    ring.sort_unstable();
    ring
}

/// The shard owning `key`: the first ring point at or after the key's hash, wrapping round.
pub(super) fn ring_shard(ring: &[(u64, u32)], key: u32) -> usize {
    let h = mix64(u64::from(key));
    let i = ring.partition_point(|&(p, _)| p < h);
    ring.get(i).or(ring.first()).map_or(0, |&(_, s)| s as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fraction of `keys` whose shard changes when a fifth shard joins four.
    fn moved(shard_of: impl Fn(u32, u32) -> usize, keys: u32) -> f64 {
        let n = (0..keys)
            .filter(|&k| shard_of(4, k) != shard_of(5, k))
            .count();
        n as f64 / f64::from(keys)
    }

    #[test]
    fn adding_a_shard_moves_a_fifth_of_the_keys_with_consistent_hashing_and_most_with_modulo() {
        let keys = 100_000;
        let (four, five) = (hash_ring(4), hash_ring(5));
        let ring = moved(
            |n, k| ring_shard(if n == 4 { &four } else { &five }, k),
            keys,
        );
        let modulo = moved(|n, k| (k % n) as usize, keys);
        // Consistent hashing: only the new shard's share moves, 1/5 (64 points per shard give
        // each shard its share within a few percent). Modulo: all but 1 key in 5 moves.
        assert!((ring - 0.2).abs() < 0.04, "consistent hashing moved {ring}");
        assert!((modulo - 0.8).abs() < 0.001, "modulo moved {modulo}");
        // And every moved key went to the new shard.
        for k in 0..keys {
            let (a, b) = (ring_shard(&four, k), ring_shard(&five, k));
            assert!(
                a == b || b == 4,
                "key {k} moved from {a} to {b}, not to the new shard"
            );
        }
    }
}
