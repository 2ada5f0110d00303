//! A request's life: born at a users node, routed to a web server, served, calling the
//! session store / cache / database / queue in turn, then answered or failed.

use super::*;
use crate::metrics::Outcome;
use crate::scenario::{Arrival, OnDown};

impl Sim {
    /// Users node `u` emits a request and schedules the next one.
    pub(super) fn source(&mut self, u: u32, gen: u32) {
        let ui = u as usize;
        if self.users[ui].src_gen & 0xFFFF != gen {
            return;
        }
        // Most arrivals find no deadline due: check before calling.
        if self.users[ui]
            .pending
            .front()
            .is_some_and(|&(deadline, _, _)| deadline <= self.now)
        {
            self.expire(u);
        }
        let rate = self.rate(u);
        let node = self.users[ui].node;
        if rate <= 0.0 {
            // Nothing to send: look again later in case a ramp starts [ms].
            self.q.push(self.now + 100.0, Ev::Source, u | gen << 12);
            return;
        }
        let (last_rate, mut mean) = self.users[ui].gap;
        if rate != last_rate {
            mean = 1000.0 / rate;
            self.users[ui].gap = (rate, mean);
        }
        let gap = match self.nodes[node as usize].p.arrival {
            Arrival::Poisson => self.users[ui].rng.exponential(mean),
            Arrival::Constant => mean,
        };
        // A daily cycle thins the stream (`daily.rs`).
        let (gap, emit) = match self.users[ui].cycle {
            Some(_) => self.daily(u, gap),
            None => (gap, true),
        };
        self.q.push(self.now + gap, Ev::Source, u | gen << 12);
        if !emit {
            return;
        }
        // A users node's "arrivals" are the requests it emits.
        self.nodes[node as usize].st.arrivals += 1;

        let pop = self.nodes[node as usize].p.population;
        let us = &mut self.users[ui];
        let x = us.rng.uniform();
        let class = us.mix_cdf.iter().position(|&c| x < c).unwrap_or(1) as u8;
        let local = us.rng.below(u64::from(pop)) as u32;
        let user = us.user_base + local;
        // Keys matter only to emergent caches, shards and invalidation: drawn only then (or
        // when requests are logged), from a stream of their own.
        let key = if self.needs_keys || self.arrival_log.is_some() {
            us.zipf.sample(&mut us.key_rng)
        } else {
            0
        };
        if let Some((limit, log)) = &mut self.arrival_log {
            if log.len() < *limit {
                log.push(Emitted {
                    users: node,
                    t_ms: self.now,
                    user: local,
                    key,
                    class,
                });
            }
        }
        let r = self.alloc(Req {
            t0: self.now,
            first_t0: self.now,
            user,
            key,
            src: u,
            class,
            ..Req::default()
        });
        if self.tracer.active {
            self.tr_begin(u, r);
        }
        self.start_attempt(r);
    }

    /// Send attempt `r` from its users node, remembering its deadline.
    fn start_attempt(&mut self, r: u32) {
        let req = &mut self.reqs[r as usize];
        req.t0 = self.now;
        req.ret = 0.0;
        req.stage = 0;
        req.flags = 0;
        let (u, gen, t, attempt) = (req.src, req.gen, req.trace, req.attempt);
        if t != 0 {
            self.tr_attempt(t, attempt);
        }
        let node = self.users[u as usize].node;
        let deadline = self.now + self.nodes[node as usize].p.timeout_ms;
        self.users[u as usize].pending.push_back((deadline, r, gen));
        self.after(node, r);
    }

    /// Time out every attempt of users node `u` whose deadline has passed.
    pub(super) fn expire(&mut self, u: u32) {
        while let Some(&(deadline, r, gen)) = self.users[u as usize].pending.front() {
            if deadline > self.now {
                break;
            }
            self.users[u as usize].pending.pop_front();
            let req = self.reqs[r as usize];
            if req.gen != gen || req.flags & (ORPHAN | JOB) != 0 {
                continue;
            }
            // The server keeps working on it; only the client has gone.
            self.reqs[r as usize].flags |= ORPHAN;
            self.outcome(r, Outcome::Timeout, deadline);
            if req.flags & LOST != 0 {
                // Lost on a cut wire: nothing else will ever free it. A breaker on that wire
                // (without a policy) learns of the failure only now, with the client.
                if req.flags & CALLING != 0 && self.wires[req.wire as usize].watched {
                    self.wire_result(u32::from(req.wire), Some(Outcome::Timeout));
                }
                self.release(r);
            }
        }
    }

    /// Request `r` reaches node `n` after `lat` [ms].
    #[inline]
    pub(super) fn send(&mut self, n: u32, r: u32, lat: f64) {
        // Also at once: a trace tells a request travelling here from one waiting here by it.
        self.reqs[r as usize].at = n;
        if lat > 0.0 {
            self.q.push(self.now + lat, Ev::Arrive, r);
        } else {
            self.arrive(n, r);
        }
    }

    /// A downstream call from the web server to `n` over wire `w` (return latency paid on
    /// the way back).
    #[inline]
    pub(super) fn call(&mut self, n: u32, r: u32, w: u32) {
        if self.wires[w as usize].watched {
            return self.watched_call(n, r, w);
        }
        self.plain_call(n, r, w);
    }

    /// The call in the request's own slot: its error or answer comes back through it.
    #[inline]
    pub(super) fn plain_call(&mut self, n: u32, r: u32, w: u32) {
        let wire = &self.wires[w as usize];
        let (lat, cut) = (wire.lat, wire.cut);
        let req = &mut self.reqs[r as usize];
        req.call_ret = lat;
        req.flags |= CALLING;
        req.wire = w as u16;
        if cut {
            return self.lost(n, r, lat);
        }
        self.send(n, r, lat);
    }

    /// Forward along a request path hop over wire `w`: the response retraces it.
    #[inline]
    pub(super) fn forward(&mut self, n: u32, r: u32, w: u32, lat: f64) {
        if self.wires[w as usize].cut {
            return self.lost(n, r, lat);
        }
        self.reqs[r as usize].ret += lat;
        self.send(n, r, lat);
    }

    pub(super) fn arrive(&mut self, n: u32, r: u32) {
        // A trace records the way here on arrival: one test here rather than one in each of
        // the many places that send.
        let t = self.reqs[r as usize].trace;
        if t != 0 {
            self.tr_arrive(t, n);
        }
        if !self.alive(n) {
            self.nodes[n as usize].st.refused += 1;
            if t != 0 {
                self.tr_down(t);
            }
            return self.down(n, r);
        }
        let node = &mut self.nodes[n as usize];
        node.st.arrivals += 1;
        let kind = node.kind;
        // A rate limiter turns the excess away before anything else (`limits.rs`).
        if node.bucket.is_some() && node.throttles(self.now) {
            return self.finish(r, Outcome::Throttled);
        }
        if kind == Kind::WebServer && node.p.stateful {
            let req = self.reqs[r as usize];
            if req.class != STATIC && self.take_lost(req.user) {
                return self.finish(r, Outcome::SessionLost);
            }
        }
        if kind == Kind::MessageQueue {
            return self.enqueue_job(n, r);
        }
        if self.nodes[n as usize].p.service.is_none() {
            if t != 0 {
                self.tr_served(t);
            }
            return self.after(n, r);
        }
        self.reqs[r as usize].t_node = self.now;
        let node = &mut self.nodes[n as usize];
        let all_busy = node.busy >= node.p.workers;
        node.meter.arrival(self.now, all_busy);
        if !all_busy {
            self.start(n, r);
        } else if node.p.shed_wait_ms.is_some() && node.sheds() {
            self.finish(r, Outcome::Rejected);
        } else if node.queue.len() < node.p.queue_capacity as usize {
            self.touch(n);
            self.nodes[n as usize].queue.push_back(r);
        } else {
            node.meter.rejected += 1;
            self.finish(r, Outcome::Rejected);
        }
    }

    /// Node `n` starts serving `r` on a free worker.
    pub(super) fn start(&mut self, n: u32, r: u32) {
        self.touch(n);
        let node = &mut self.nodes[n as usize];
        node.busy += 1;
        let epoch = node.epoch;
        let slow = node.slow;
        let t = match &node.p.service {
            Some(s) => node.service_rng.service(s) * slow,
            None => 0.0,
        };
        let req = &mut self.reqs[r as usize];
        req.epoch = epoch;
        req.at = n;
        let trace = req.trace;
        self.q.push(self.now + t, Ev::Done, r);
        if trace != 0 {
            self.tr_serve(trace);
        }
    }

    pub(super) fn done(&mut self, n: u32, r: u32) {
        let ni = n as usize;
        let t = self.reqs[r as usize].trace;
        if t != 0 {
            self.tr_served(t);
        }
        if self.reqs[r as usize].epoch != self.nodes[ni].epoch {
            // The node crashed while serving it.
            if self.reqs[r as usize].flags & JOB != 0 {
                return self.redeliver(r);
            }
            return self.down(n, r);
        }
        self.touch(n);
        let t_node = self.reqs[r as usize].t_node;
        let node = &mut self.nodes[ni];
        node.busy -= 1;
        node.st.done += 1;
        node.st.sojourn += self.now - t_node;
        node.meter.hist.record(self.now - t_node);
        if node.kind == Kind::Worker {
            self.jobs_done += 1;
            self.release(r);
            return self.pull_jobs(n);
        }
        if let Some(next) = node.queue.pop_front() {
            self.start(n, next);
        }
        self.after(n, r);
    }

    /// What node `n` does with `r` once served (or at once, for routing-only nodes).
    pub(super) fn after(&mut self, n: u32, r: u32) {
        match self.nodes[n as usize].kind {
            Kind::Users | Kind::Dns => match self.pick_entry(n, r) {
                Some((t, w, lat)) => self.forward(t, r, w, lat),
                None => self.finish(r, Outcome::NodeDown),
            },
            Kind::Cdn => {
                let hit = self.reqs[r as usize].class == STATIC && self.lookup(n, r);
                let node = &self.nodes[n as usize];
                if hit || node.out.is_empty() {
                    self.respond(r)
                } else {
                    // A miss goes to the first live origin (CDNs health-check their origins),
                    // so a CDN wired to two data centers survives losing one.
                    let i = (0..node.out.len())
                        .find(|&i| self.alive(node.out[i]))
                        .unwrap_or(0);
                    let (t, w, lat) = (node.out[i], node.wire[i], node.lat[i]);
                    self.forward(t, r, w, lat)
                }
            }
            Kind::LoadBalancer => match self.pick_server(n, r) {
                Some((t, w, lat)) => self.forward(t, r, w, lat),
                None => self.finish(r, Outcome::NodeDown),
            },
            Kind::WebServer => {
                let req = &mut self.reqs[r as usize];
                req.web = n;
                req.stage = 0;
                self.web_step(r)
            }
            Kind::Cache => {
                if !self.lookup(n, r) {
                    self.reqs[r as usize].flags |= MISS;
                }
                self.call_return(r)
            }
            Kind::ShardRouter => {
                let write = self.reqs[r as usize].class != READ;
                match self.pick_shard(n, r, write) {
                    Some((t, w, lat)) => {
                        self.reqs[r as usize].call_ret += lat;
                        if self.wires[w as usize].cut {
                            return self.lost(t, r, lat);
                        }
                        self.send(t, r, lat)
                    }
                    None => self.finish(r, Outcome::NodeDown),
                }
            }
            Kind::SessionStore | Kind::Database => self.call_return(r),
            // Jobs are dispatched by `pull_jobs`; these kinds never hold a request here.
            Kind::MessageQueue | Kind::Worker | Kind::Autoscaler => self.release(r),
        }
    }

    /// Back to the web server after a downstream call.
    pub(super) fn call_return(&mut self, r: u32) {
        let req = &mut self.reqs[r as usize];
        req.flags &= !CALLING;
        let (lat, t, web, w, flags) = (req.call_ret, req.trace, req.web, req.wire, req.flags);
        let wire = &self.wires[w as usize];
        if wire.cut || wire.watched {
            if wire.cut {
                // The answer is lost on the way back.
                return self.lost(web, r, lat);
            }
            if flags & CHILD == 0 {
                self.wire_result(u32::from(w), None);
            }
        }
        if t != 0 {
            self.tr_net(t, web, lat);
        }
        if lat > 0.0 {
            self.q.push(self.now + lat, Ev::Return, r);
        } else {
            self.web_step(r);
        }
    }

    /// The web server's business logic, one downstream call at a time.
    pub(super) fn web_step(&mut self, r: u32) {
        let req = self.reqs[r as usize];
        if req.flags & CHILD != 0 {
            return self.child_back(r);
        }
        let web = &self.nodes[req.web as usize];
        match req.stage {
            0 => {
                self.reqs[r as usize].stage = 1;
                if req.class != STATIC && !web.p.stateful {
                    if let Some((s, w)) = web.session {
                        return self.call(s, r, w);
                    }
                }
                self.web_step(r)
            }
            1 => match req.class {
                STATIC => self.respond(r),
                READ => match web.cache {
                    Some((c, w)) => {
                        self.reqs[r as usize].stage = 2;
                        self.call(c, r, w)
                    }
                    None => self.db_call(r),
                },
                JOB_CLASS if web.mq.is_some() => {
                    let (m, w) = web.mq.unwrap_or_default();
                    self.reqs[r as usize].stage = 3;
                    self.call(m, r, w)
                }
                _ => {
                    if let Some((c, _)) = web.cache {
                        self.invalidate(c, req.key);
                    }
                    self.db_call(r)
                }
            },
            2 if req.flags & MISS != 0 => self.db_call(r),
            3 => {
                if req.flags & (MISS | NOFILL) == MISS {
                    if let Some((c, _)) = web.cache {
                        self.fill(c, req.key);
                    }
                }
                self.respond(r)
            }
            _ => self.respond(r),
        }
    }

    /// Read or write the web server's database, or answer if it keeps its data itself.
    fn db_call(&mut self, r: u32) {
        let req = self.reqs[r as usize];
        self.reqs[r as usize].stage = 3;
        let write = req.class != READ;
        match self.nodes[req.web as usize].db {
            DbLink::None => self.respond(r),
            DbLink::Group(g, w) => match self.pick_member(g, write) {
                Some(t) => self.call(t, r, w),
                None => self.finish(r, Outcome::NodeDown),
            },
            DbLink::Router(t, w) => self.call(t, r, w),
        }
    }

    /// Request `r` was sent to node `n`, which is down.
    pub(super) fn down(&mut self, n: u32, r: u32) {
        let node = &self.nodes[n as usize];
        if node.kind == Kind::Cache && node.p.on_down == OnDown::Fallback {
            // The seed's choice: go straight to the database, do not fill the dead cache.
            self.reqs[r as usize].flags |= MISS | NOFILL;
            return self.call_return(r);
        }
        self.finish(r, Outcome::NodeDown)
    }

    /// The client receives its answer.
    pub(super) fn respond(&mut self, r: u32) {
        let req = self.reqs[r as usize];
        if req.flags & ORPHAN != 0 {
            return self.release(r);
        }
        let p = &self.nodes[self.users[req.src as usize].node as usize].p;
        let (timeout, slo) = (p.timeout_ms, p.slo_ms);
        let attempt_ms = self.now + req.ret - req.t0;
        if attempt_ms > timeout {
            // The answer would reach a client that gave up at its deadline.
            return self.finish(r, Outcome::Timeout);
        }
        // What the user waited, from the first attempt (retries included).
        let latency = self.now + req.ret - req.first_t0;
        if req.trace != 0 {
            self.tr_answer(req.trace, req.ret);
            let at = self.now + req.ret;
            self.tr_outcome(req.trace, Outcome::Ok, at, latency, true, req.at);
        }
        let class = req.class as usize;
        self.hist.record(latency);
        self.win_hist.record(latency);
        self.class_hist[class].record(latency);
        let good = u64::from(latency <= slo);
        for c in [
            &mut self.counts,
            &mut self.win_counts,
            &mut self.class_counts[class],
        ] {
            c.add(Outcome::Ok);
            c.good += good;
        }
        self.release(r);
    }

    /// The attempt fails with `o` where it is now; the request is released. The error travels
    /// back the way the request came; if it would reach the client after its deadline, the
    /// client has already given up: a timeout at the deadline.
    pub(super) fn finish(&mut self, r: u32, o: Outcome) {
        let req = self.reqs[r as usize];
        if req.flags & (CHILD | CALLING) != 0 && self.wires[req.wire as usize].watched {
            if req.flags & CHILD != 0 {
                return self.child_failed(r, o);
            }
            self.wire_result(u32::from(req.wire), Some(o));
        }
        if req.flags & ORPHAN == 0 {
            if req.trace != 0 {
                let web = (req.flags & CALLING != 0).then_some((req.web, req.call_ret));
                self.tr_fail(req.trace, web, req.ret);
            }
            let back = req.ret
                + if req.flags & CALLING != 0 {
                    req.call_ret
                } else {
                    0.0
                };
            let deadline = req.t0
                + self.nodes[self.users[req.src as usize].node as usize]
                    .p
                    .timeout_ms;
            if o != Outcome::Timeout && self.now + back > deadline {
                self.outcome(r, Outcome::Timeout, deadline);
            } else {
                self.outcome(r, o, (self.now + back).min(deadline));
            }
        }
        self.release(r);
    }

    /// Count an outcome that reached the client at `at` [ms], and schedule a retry if the
    /// client has some left.
    fn outcome(&mut self, r: u32, o: Outcome, at: f64) {
        let req = self.reqs[r as usize];
        self.counts.add(o);
        self.win_counts.add(o);
        self.class_counts[req.class as usize].add(o);
        // Failed attempts are measured like successful ones: from the user's first attempt
        // to the moment the failure reached them (a timeout: the deadline).
        let latency = at - req.first_t0;
        self.fail_hist.record(latency);
        self.win_fail_hist.record(latency);
        self.class_fail_hist[req.class as usize].record(latency);
        let p = &self.nodes[self.users[req.src as usize].node as usize].p;
        let retry = u32::from(req.attempt) < p.retries;
        if req.trace != 0 {
            // The retry, if any, carries the trace on; this attempt is traced no further
            // (an orphan the server still works on is not the user's wait).
            self.tr_outcome(req.trace, o, at, latency, !retry, req.at);
            self.reqs[r as usize].trace = 0;
        }
        let p = &self.nodes[self.users[req.src as usize].node as usize].p;
        if retry {
            let backoff = p.backoff_ms * f64::from(1u32 << req.attempt.min(20));
            let next = self.alloc(Req {
                attempt: req.attempt + 1,
                flags: 0,
                link: 0,
                ..req
            });
            self.q.push((at + backoff).max(self.now), Ev::Retry, next);
        }
    }

    pub(super) fn retry(&mut self, r: u32) {
        self.counts.retries += 1;
        self.win_counts.retries += 1;
        self.start_attempt(r);
    }

    /// Consume the "session lost" mark of `user`, if set.
    fn take_lost(&mut self, user: u32) -> bool {
        let (w, b) = ((user / 64) as usize, user % 64);
        match self.lost.get_mut(w) {
            Some(word) if *word & (1 << b) != 0 => {
                *word &= !(1 << b);
                true
            }
            _ => false,
        }
    }
}
