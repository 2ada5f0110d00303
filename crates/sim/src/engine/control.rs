//! Faults and traffic changes: scheduled by the scenario or injected live by the UI. Each
//! takes effect at the current simulated time.

use super::*;
use crate::rng::mix64;
use crate::scenario::{Action, Fault, Role};

/// Autoscaler evaluation period [ms].
pub(super) const AUTOSCALE_EVERY_MS: f64 = 10_000.0;

impl Sim {
    /// Take node `id` down: queued and in-service requests fail, a stateful web server's
    /// sessions are lost, a cache forgets everything, a primary database starts failover.
    pub fn fail_node(&mut self, id: &str) -> Result<(), String> {
        let n = self.node_index(id)?;
        if !self.nodes[n as usize].failed {
            let was_alive = self.alive(n);
            self.nodes[n as usize].failed = true;
            if was_alive {
                self.crash(n);
            }
        }
        Ok(())
    }

    /// Bring node `id` back (a cache comes back cold).
    pub fn recover_node(&mut self, id: &str) -> Result<(), String> {
        let n = self.node_index(id)?;
        if self.nodes[n as usize].failed {
            self.nodes[n as usize].failed = false;
            if self.alive(n) {
                self.revive(n);
            }
        }
        Ok(())
    }

    /// Multiply node `id`'s service times by `factor` (1 restores normal speed).
    pub fn slow_node(&mut self, id: &str, factor: f64) -> Result<(), String> {
        let n = self.node_index(id)?;
        if !(factor.is_finite() && factor > 0.0) {
            return Err(format!("factor must be above 0, got {factor}"));
        }
        let node = &mut self.nodes[n as usize];
        if node.slow != factor {
            node.meter.changes |= meter::SLOWED;
        }
        node.slow = factor;
        Ok(())
    }

    /// Every node in data center `id` goes down.
    pub fn dc_outage(&mut self, id: &str) -> Result<(), String> {
        let d = self.dc_index(id)?;
        if self.dcs[d].down {
            return Ok(());
        }
        let hit: Vec<u32> = (0..self.nodes.len() as u32)
            .filter(|&n| self.nodes[n as usize].dc == Some(d as u16) && self.alive(n))
            .collect();
        self.dcs[d].down = true;
        self.record_dc_change();
        for n in hit {
            self.crash(n);
        }
        Ok(())
    }

    /// Data center `id` comes back; nodes that were not failed on their own return.
    pub fn dc_restore(&mut self, id: &str) -> Result<(), String> {
        let d = self.dc_index(id)?;
        if !self.dcs[d].down {
            return Ok(());
        }
        self.dcs[d].down = false;
        self.record_dc_change();
        let back: Vec<u32> = (0..self.nodes.len() as u32)
            .filter(|&n| self.nodes[n as usize].dc == Some(d as u16) && self.alive(n))
            .collect();
        for n in back {
            self.revive(n);
        }
        Ok(())
    }

    /// Step users node `id`'s arrival rate to `rps` [requests/s].
    pub fn set_rate(&mut self, id: &str, rps: f64) -> Result<(), String> {
        let u = self.users_index(id, rps)?;
        self.users[u].rate = rps;
        self.users[u].ramp = None;
        self.restart_stream(u);
        Ok(())
    }

    /// Ramp users node `id` linearly to `rps` [requests/s] over `over_s` [s].
    pub fn ramp_rate(&mut self, id: &str, rps: f64, over_s: f64) -> Result<(), String> {
        let u = self.users_index(id, rps)?;
        if !(over_s.is_finite() && over_s > 0.0) {
            return Err(format!("duration must be above 0, got {over_s}"));
        }
        let from = self.base_rate(u);
        self.users[u].ramp = Some((self.now, self.now + over_s * 1000.0, from, rps));
        self.restart_stream(u);
        Ok(())
    }

    /// Multiply users node `id`'s rate by `factor` for `for_s` [s].
    pub fn spike(&mut self, id: &str, factor: f64, for_s: f64) -> Result<(), String> {
        let u = self.users_index(id, 0.0)?;
        if !(factor.is_finite() && factor > 0.0 && for_s.is_finite() && for_s > 0.0) {
            return Err("factor and duration must be above 0".to_string());
        }
        self.users[u].spike = factor;
        self.restart_stream(u);
        self.q
            .push(self.now + for_s * 1000.0, Ev::SpikeEnd, u as u32);
        Ok(())
    }

    /// Current arrival rate of users stream `u` [requests/s].
    pub(super) fn rate(&mut self, u: u32) -> f64 {
        self.base_rate(u as usize) * self.users[u as usize].spike
    }

    fn base_rate(&mut self, u: usize) -> f64 {
        let us = &mut self.users[u];
        match us.ramp {
            Some((_, t1, _, r1)) if self.now >= t1 => {
                us.rate = r1;
                us.ramp = None;
                r1
            }
            Some((t0, t1, r0, r1)) => r0 + (r1 - r0) * (self.now - t0) / (t1 - t0),
            None => us.rate,
        }
    }

    /// Drop the pending arrival (drawn at the old rate) and draw from now on.
    fn restart_stream(&mut self, u: usize) {
        let us = &mut self.users[u];
        us.src_gen = us.src_gen.wrapping_add(1);
        self.q
            .push(self.now, Ev::Source, u as u32 | (us.src_gen & 0xFFFF) << 12);
    }

    pub(super) fn scheduled_fault(&mut self, i: usize) {
        let Some(f) = self.faults.get(i).cloned() else {
            return;
        };
        // Validation guaranteed the ids and fields, so this cannot fail; ignore it if it does.
        let _ = self.apply_fault(&f);
    }

    /// Applies `f` now, whatever its `at_s` (the UI's live injections, which it also records
    /// as scheduled faults so a drill replays exactly).
    pub fn apply_fault(&mut self, f: &Fault) -> Result<(), String> {
        let node = f.node.as_deref().unwrap_or_default();
        let dc = f.dc.as_deref().unwrap_or_default();
        match f.action {
            Action::Fail => self.fail_node(node),
            Action::Recover => self.recover_node(node),
            Action::Slow => self.slow_node(node, f.factor.unwrap_or(1.0)),
            Action::DcOutage => self.dc_outage(dc),
            Action::DcRestore => self.dc_restore(dc),
            Action::SetRate => self.set_rate(node, f.rate_rps.unwrap_or(0.0)),
            Action::Ramp => {
                self.ramp_rate(node, f.rate_rps.unwrap_or(0.0), f.duration_s.unwrap_or(1.0))
            }
            Action::Spike => self.spike(node, f.factor.unwrap_or(1.0), f.duration_s.unwrap_or(1.0)),
            Action::Cut | Action::Restore | Action::Latency => self.wire_fault(f),
        }
    }

    /// A spike of users stream `u` ends.
    pub(super) fn spike_end(&mut self, u: usize) {
        if u < self.users.len() {
            self.users[u].spike = 1.0;
            self.restart_stream(u);
        }
    }

    fn record_dc_change(&mut self) {
        let mask = self
            .dcs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.down)
            .fold(0u64, |m, (i, _)| m | (1 << (i % 64)));
        self.dc_history.push((self.now, mask));
        // No client holds a DNS answer older than the longest TTL: forget the changes before
        // that, keeping the state as it was then, so memory stays bounded however many
        // outages a long run injects.
        let ttl_ms = self
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::Dns)
            .map(|n| n.p.ttl_s * 1000.0)
            .fold(0.0, f64::max);
        let cutoff = self.now - ttl_ms;
        if let Some(keep) = self.dc_history.iter().rposition(|&(t, _)| t <= cutoff) {
            self.dc_history.drain(..keep);
        }
    }

    /// Node `n` just died.
    fn crash(&mut self, n: u32) {
        self.touch(n);
        let ni = n as usize;
        let node = &mut self.nodes[ni];
        node.epoch = node.epoch.wrapping_add(1);
        node.busy = 0;
        node.meter.changes |= meter::WAS_DOWN;
        let kind = node.kind;
        // A message queue is durable: its jobs wait for it to come back.
        if kind != Kind::MessageQueue {
            let queued: Vec<u32> = node.queue.drain(..).collect();
            for r in queued {
                self.down(n, r);
            }
        }
        match kind {
            Kind::WebServer if self.nodes[ni].p.stateful => self.lose_sessions(n),
            Kind::Cache => self.nodes[ni].slots.iter_mut().for_each(|s| *s = (0, 0.0)),
            Kind::Database => {
                let g = self.nodes[ni].group;
                if self.groups[g as usize].primary == n {
                    let after = self.nodes[ni].p.failover_ms;
                    self.q.push(self.now + after, Ev::Failover, g);
                }
            }
            _ => {}
        }
    }

    /// Node `n` is alive again.
    fn revive(&mut self, n: u32) {
        self.touch(n);
        match self.nodes[n as usize].kind {
            Kind::Worker => self.pull_jobs(n),
            Kind::MessageQueue => self.dispatch_jobs(n),
            _ => {}
        }
    }

    /// Mark every user whose sticky session lived on web server `w` as logged out.
    fn lose_sessions(&mut self, w: u32) {
        if self.lost.is_empty() {
            return;
        }
        let lbs: Vec<(usize, usize)> = self
            .nodes
            .iter()
            .filter(|n| n.kind == Kind::LoadBalancer)
            .filter_map(|n| n.out.iter().position(|&t| t == w).map(|j| (n.out.len(), j)))
            .collect();
        for u in 0..self.population {
            let home = lbs.is_empty()
                || lbs
                    .iter()
                    .any(|&(len, j)| (mix64(u64::from(u)) % len as u64) as usize == j);
            if home {
                self.lost[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
    }

    /// Autoscaler `s` compares its pool's utilisation with its target.
    pub(super) fn autoscale(&mut self, s: u32) {
        self.q.push(self.now + AUTOSCALE_EVERY_MS, Ev::Autoscale, s);
        let sc = self.scalers[s as usize].clone();
        let pool: Vec<u32> = self.nodes[sc.lb as usize].out.clone();
        let active: Vec<u32> = pool
            .iter()
            .copied()
            .filter(|&t| !self.nodes[t as usize].parked)
            .collect();
        for &t in &active {
            self.touch(t);
        }
        let busy: f64 = active
            .iter()
            .map(|&t| self.nodes[t as usize].st.busy_area)
            .sum();
        let workers: f64 = active
            .iter()
            .map(|&t| f64::from(self.nodes[t as usize].p.workers))
            .sum();
        let dt = self.now - sc.last_t;
        let util = if dt > 0.0 && workers > 0.0 {
            (busy - sc.last_busy) / (workers * dt)
        } else {
            0.0
        };
        let p = self.nodes[sc.node as usize].p.clone();
        let cooled = self.now - sc.last_action >= p.cooldown_s * 1000.0;
        let count = active.len() as u32;
        let mut action = false;
        if cooled && util > p.target_utilization && count + sc.booting < p.max_servers {
            let next = pool.iter().copied().find(|&t| {
                let n = &self.nodes[t as usize];
                n.parked && !n.booting
            });
            if let Some(t) = next {
                self.nodes[t as usize].booting = true;
                self.scalers[s as usize].booting += 1;
                self.q.push(self.now + p.boot_s * 1000.0, Ev::Booted, t);
                action = true;
            }
        } else if cooled && util < p.target_utilization / 2.0 && count > p.min_servers {
            if let Some(&t) = active
                .iter()
                .rev()
                .find(|&&t| self.nodes[t as usize].id.contains('~'))
            {
                self.nodes[t as usize].parked = true;
                action = true;
            }
        }
        let sc = &mut self.scalers[s as usize];
        sc.last_busy = busy;
        sc.last_t = self.now;
        if action {
            sc.last_action = self.now;
            for &t in &pool {
                self.nodes[t as usize].meter.changes |= meter::RESCALED;
            }
        }
    }

    /// Server `n` launched by an autoscaler joins the rotation.
    pub(super) fn booted(&mut self, n: u32) {
        let node = &mut self.nodes[n as usize];
        node.booting = false;
        node.parked = false;
        for sc in self.scalers.iter_mut() {
            if self.nodes[sc.lb as usize].out.contains(&n) {
                sc.booting = sc.booting.saturating_sub(1);
            }
        }
    }

    fn node_index(&self, id: &str) -> Result<u32, String> {
        self.index(id).ok_or_else(|| format!("no node \"{id}\""))
    }

    fn dc_index(&self, id: &str) -> Result<usize, String> {
        self.dcs
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(|| format!("no data center \"{id}\""))
    }

    fn users_index(&self, id: &str, rps: f64) -> Result<usize, String> {
        let n = self.node_index(id)?;
        if !(rps.is_finite() && rps >= 0.0) {
            return Err(format!("rate must be 0 or more, got {rps}"));
        }
        self.users
            .iter()
            .position(|u| u.node == n)
            .ok_or_else(|| format!("\"{id}\" is not a users node"))
    }

    /// Whether `n` is the current primary of its database group.
    pub(super) fn is_primary(&self, n: u32) -> bool {
        let node = &self.nodes[n as usize];
        node.kind == Kind::Database && self.groups[node.group as usize].primary == n
    }

    /// How far live replica `n` trails its primary [ms] while `waiting` requests are queued
    /// at it: its configured lag when idle, plus the time its workers need to clear that
    /// queue, since the applier waits behind the reads. An overloaded replica falls behind.
    pub(super) fn replication_lag(&self, n: u32, waiting: f64) -> Option<f64> {
        let node = &self.nodes[n as usize];
        if node.kind != Kind::Database || self.is_primary(n) || !self.alive(n) {
            return None;
        }
        let mean_ms = node.p.service.map_or(0.0, |s| s.mean_ms) * node.slow;
        Some(node.p.replication_lag_ms + waiting * mean_ms / f64::from(node.p.workers.max(1)))
    }

    /// Configured role, for reports.
    pub(super) fn role(&self, n: u32) -> Option<Role> {
        (self.nodes[n as usize].kind == Kind::Database).then(|| {
            if self.is_primary(n) {
                Role::Primary
            } else {
                Role::Replica
            }
        })
    }
}
