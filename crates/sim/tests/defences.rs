//! Defences (issue 16) against first principles: a token-bucket rate limiter, load shedding
//! and a users node's daily cycle. Each bound below is derived in its test, not read off the
//! engine.

mod common;
use common::*;
use scaleboard_sim::theory::{predict, Note};
use scaleboard_sim::*;

/// Users → load balancer (with `limit`) → one wide, fast web server: nothing queues, so
/// whatever the limiter lets through is answered.
fn limited(rate: f64, arrival: Arrival, limit: RateLimit) -> Scenario {
    let mut u = users("u", rate, reads());
    u.arrival = Some(arrival);
    let lb = Node {
        rate_limit: Some(limit),
        ..Node::new("lb", Kind::LoadBalancer, 0.0, 0.0)
    };
    scenario(
        vec![
            u,
            lb,
            server("web", Kind::WebServer, 10_000, Dist::Constant, 1.0),
        ],
        vec![wire("u", "lb"), wire("lb", "web")],
    )
}

/// Requests the limiter let through: every arrival at the load balancer is either admitted or
/// throttled.
fn admitted(snap: &Snapshot) -> u64 {
    let lb = node(snap, "lb");
    lb.arrivals - lb.throttled
}

#[test]
fn above_its_rate_a_bucket_admits_its_rate_and_never_more_than_rate_times_time_plus_burst() {
    // Poisson 500 requests/s into a 200/s bucket of 20, for 200 s from the start.
    let (lambda, rate, burst, secs) = (500.0, 200.0, 20u32, 200.0);
    let mut sim = sim(&limited(
        lambda,
        Arrival::Poisson,
        RateLimit {
            rate_rps: rate,
            burst,
        },
    ));
    sim.run_until(secs * 1000.0);
    let snap = sim.snapshot();
    let let_through = admitted(&snap) as f64;
    // Tokens: `burst` at the start plus `rate` per second, so this can never be exceeded.
    assert!(
        let_through <= f64::from(burst) + rate * secs,
        "{let_through} admitted"
    );
    // At 2.5 times its rate the bucket is empty nearly all the time: every token made is
    // taken within a few ms, so the admitted rate is the bucket's rate less well under 1 %.
    assert_close("admitted rate [requests/s]", let_through / secs, rate, 0.01);
    // Conservation, exactly: each request emitted arrives, and is admitted or throttled.
    let u = node(&snap, "u");
    assert_eq!(node(&snap, "lb").arrivals, u.arrivals);
    assert_eq!(snap.counts.throttled, node(&snap, "lb").throttled);
    assert_eq!(
        snap.counts.throttled + admitted(&snap),
        u.arrivals,
        "throttled + admitted = arrivals"
    );
    // Throttled requests are errors, apart from 503s.
    assert_eq!(snap.counts.rejected, 0);
    assert_eq!(snap.counts.errors(), snap.counts.throttled);
}

#[test]
fn below_its_rate_with_a_deep_bucket_nothing_is_throttled() {
    // Poisson 100/s into 200/s with room for 1,000: the bucket would need 1,000 arrivals more
    // than its refills in a row, a drift of -100/s against it. Never, in practice.
    let mut sim = sim(&limited(
        100.0,
        Arrival::Poisson,
        RateLimit {
            rate_rps: 200.0,
            burst: 1000,
        },
    ));
    sim.run_until(100_000.0);
    let snap = sim.snapshot();
    assert!(node(&snap, "u").arrivals > 9_000);
    assert_eq!(snap.counts.throttled, 0);
    assert_eq!(node(&snap, "lb").throttled, 0);
}

#[test]
fn a_burst_after_a_quiet_spell_admits_exactly_the_bucket() {
    // A 2/s bucket of 50. Silence for 10 s (the bucket is full), then 100,000 evenly spaced
    // requests/s for 5 ms: 500 or so arrive while the bucket refills 0.01 token, so exactly 50
    // pass. Again after 30 s of silence, which refills it to the top (60 tokens, capped at 50).
    let s = limited(
        0.0,
        Arrival::Constant,
        RateLimit {
            rate_rps: 2.0,
            burst: 50,
        },
    );
    let mut sim = sim(&s);
    for (k, start_ms) in [10_000.0, 40_000.0].into_iter().enumerate() {
        sim.run_until(start_ms);
        sim.set_rate("u", 100_000.0).expect("a users node");
        sim.run_until(start_ms + 5.0);
        sim.set_rate("u", 0.0).expect("a users node");
        let snap = sim.snapshot();
        let sent = node(&snap, "u").arrivals;
        assert!(sent > 400 * (k as u64 + 1), "{sent} sent");
        assert_eq!(admitted(&snap), 50 * (k as u64 + 1), "burst {k}");
        assert_eq!(snap.counts.throttled, sent - admitted(&snap));
    }
}

#[test]
fn a_web_servers_limiter_turns_the_excess_away_before_its_line() {
    // 1,000/s into a web server limited to 300/s with 4 workers of 10 ms (capacity 400/s):
    // without the limiter it would be overloaded; with it, its line sees 300/s (utilisation
    // 0.75) and stays short.
    let mut web = server("web", Kind::WebServer, 4, Dist::Exponential, 10.0);
    web.rate_limit = Some(RateLimit {
        rate_rps: 300.0,
        burst: 10,
    });
    let s = scenario(
        vec![users("u", 1000.0, reads()), web],
        vec![wire("u", "web")],
    );
    let snap = measure(&s, 10.0, 100.0);
    let w = node(&snap, "web");
    assert_close("utilisation", w.utilization, 0.75, 0.03);
    assert_close(
        "throttled share",
        w.throttled as f64 / w.arrivals as f64,
        0.7,
        0.02,
    );
    assert!(w.queue_len < 100, "{} waiting", w.queue_len);
    // Theory does not pretend the thinned stream is the Poisson one that arrived.
    assert_eq!(predict(w, false).note, Some(Note::Throttles));
}

/// One web server, `c` workers of exponential `mean_ms`, Poisson `rate`, optional shedding.
fn overloaded(shed_wait_ms: Option<f64>) -> Scenario {
    let mut web = server("web", Kind::WebServer, 4, Dist::Exponential, 10.0);
    web.shed_wait_ms = shed_wait_ms;
    scenario(
        vec![users("u", 600.0, reads()), web],
        vec![wire("u", "web")],
    )
}

#[test]
fn shedding_keeps_an_overloaded_line_short_and_accepted_requests_fast() {
    // M/M/4, 10 ms a request (400/s at most), 600/s arriving: utilisation 1.5.
    let (c, mean_ms, limit_ms) = (4.0, 10.0, 20.0);
    // An arrival joins only if (waiting + 1) / c × mean <= limit, so the line, once it has
    // joined, holds at most limit × c / mean = 8.
    let most = (limit_ms * c / mean_ms) as usize;
    let mut sim = sim(&overloaded(Some(limit_ms)));
    let mut peak = 0;
    while sim.now() < 30_000.0 && sim.step() {
        peak = peak.max(sim.footprint().queued);
    }
    assert!(peak <= most, "{peak} waiting, more than {most}");
    assert_eq!(
        peak, most,
        "at 1.5 times its capacity the line fills to its bound"
    );
    sim.reset_metrics();
    sim.run_until(230_000.0);
    let snap = sim.snapshot();
    let w = node(&snap, "web");
    let q = w.queueing.clone().expect("a serving node");
    // An accepted request with k ahead of it (k < 8) waits k + 1 exponential phases of
    // mean / c: (k + 1) × 2.5 ms <= 20 ms on average.
    assert!(
        q.mean_wait_ms <= limit_ms,
        "mean wait {} ms",
        q.mean_wait_ms
    );
    // Its time in the node is at most Erlang(8, mean 2.5 ms) + Exp(10 ms). P(X + Y > a + b)
    // <= P(X > a) + P(Y > b); with both at 0.5 %: a = 1.25 ms × χ²(16 dof, 0.995) = 1.25 ×
    // 34.27 = 42.8 ms, b = 10 ms × ln 200 = 53.0 ms. The histogram adds at most 0.8 %.
    let bound = (1.25 * 34.27 + 10.0 * 200f64.ln()) * 1.008;
    assert!(q.p99_ms <= bound, "p99 {} ms > {bound:.1} ms", q.p99_ms);
    // The excess is turned away with 503 and counted as shed; the workers stay busy.
    assert!(w.shed > 0 && snap.counts.rejected == w.shed);
    assert!(w.utilization > 0.95, "utilisation {}", w.utilization);
    assert_eq!(predict(w, true).note, Some(Note::Sheds));

    // Without shedding the line grows by about 600 - 400 = 200 requests a second.
    let mut sim = common::sim(&overloaded(None));
    sim.run_until(30_000.0);
    let waiting = node(&sim.snapshot(), "web").queue_len;
    assert!(waiting > 4_000, "{waiting} waiting after 30 s");
}

/// Expected arrivals of a cycle of `peak` [requests/s], ratio `r`, period `p_s` over
/// [t0, t1] [s]: the integral of trough + (peak − trough)(1 − cos 2πt/P)/2.
fn expected(peak: f64, r: f64, p_s: f64, t0: f64, t1: f64) -> f64 {
    let trough = peak / r;
    let w = std::f64::consts::TAU / p_s;
    let swing = (t1 - t0) - ((w * t1).sin() - (w * t0).sin()) / w;
    trough * (t1 - t0) + (peak - trough) / 2.0 * swing
}

/// The cycle the two tests below run: 400/s at the peak, 100/s at the trough, a 600 s period.
const PEAK: f64 = 400.0;
const RATIO: f64 = 4.0;
const PERIOD_S: f64 = 600.0;

/// Arrivals of a users node on that cycle over one period, in 60 windows of 10 s, and each
/// window's expected count.
fn one_period(arrival: Arrival) -> Vec<(f64, f64)> {
    let mut u = users("u", PEAK, reads());
    u.arrival = Some(arrival);
    u.diurnal = Some(Diurnal {
        peak_to_trough: RATIO,
        period_s: PERIOD_S,
    });
    let s = scenario(
        vec![
            u,
            server("web", Kind::WebServer, 10_000, Dist::Constant, 1.0),
        ],
        vec![wire("u", "web")],
    );
    let mut sim = sim(&s);
    sim.log_arrivals(1_000_000);
    sim.run_until(PERIOD_S * 1000.0);
    let mut counts = vec![0f64; 60];
    for a in sim.arrivals() {
        counts[((a.t_ms / 10_000.0) as usize).min(59)] += 1.0;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(k, n)| {
            let t0 = k as f64 * 10.0;
            (n, expected(PEAK, RATIO, PERIOD_S, t0, t0 + 10.0))
        })
        .collect()
}

#[test]
fn a_daily_cycle_follows_its_formula_window_by_window() {
    let windows = one_period(Arrival::Poisson);
    // Poisson counts: variance = mean. χ² over 60 windows has mean 60 and sd √120 ≈ 11; 4.5 sd
    // above is a chance of about 1e-4 for an engine that is right.
    let mut chi2 = 0.0;
    for (k, &(n, e)) in windows.iter().enumerate() {
        let z = (n - e) / e.sqrt();
        assert!(
            z.abs() < 4.5,
            "window {k}: {n} arrivals, expected {e:.0} (z {z:.1})"
        );
        chi2 += z * z;
    }
    assert!(chi2 < 60.0 + 4.5 * 120f64.sqrt(), "χ² {chi2:.1}");
    // Over a whole period the mean rate is (peak + trough) / 2 = 250/s.
    let total: f64 = windows.iter().map(|w| w.0).sum();
    let mean = (PEAK + PEAK / RATIO) / 2.0 * PERIOD_S;
    assert!(
        (total - mean).abs() < 4.0 * mean.sqrt(),
        "{total} arrivals in a period, expected {mean}"
    );
    // The trough first: the first window is near 100/s, the middle ones near 400/s.
    assert!(
        windows[0].0 < 1_200.0 && windows[29].0 > 3_800.0,
        "{windows:?}"
    );
}

#[test]
fn evenly_spaced_arrivals_follow_the_cycle_too() {
    // Constant gaps at the rate of the moment: each 10 s window within 1 % + 2 of its integral.
    for (k, (n, e)) in one_period(Arrival::Constant).into_iter().enumerate() {
        assert!(
            (n - e).abs() <= e * 0.01 + 2.0,
            "window {k}: {n}, expected {e:.1}"
        );
    }
}

#[test]
fn validation_names_the_field_and_the_kind() {
    let bad = |n: Node| -> Vec<String> {
        let s = scenario(vec![users("u", 10.0, reads()), n], vec![]);
        validate(&s)
            .into_iter()
            // The unwired users node's own complaint is not the point here.
            .filter(|d| d.path != "nodes[u]")
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    };
    let limit = |rate_rps, burst| Some(RateLimit { rate_rps, burst });
    let db = Node {
        rate_limit: limit(10.0, 5),
        ..Node::new("db", Kind::Database, 0.0, 0.0)
    };
    assert_eq!(
        bad(db),
        ["nodes[db].rate_limit: does not apply to a database"]
    );
    let web = Node {
        rate_limit: limit(0.0, 0),
        shed_wait_ms: Some(-5.0),
        ..Node::new("web", Kind::WebServer, 0.0, 0.0)
    };
    let got = bad(web);
    assert!(
        got.iter()
            .any(|m| m.starts_with("nodes[web].rate_limit.rate_rps: must be above 0")),
        "{got:?}"
    );
    assert!(
        got.contains(&"nodes[web].rate_limit.burst: must be at least 1, got 0".to_string()),
        "{got:?}"
    );
    assert!(
        got.iter().any(
            |m| m.starts_with("nodes[web].shed_wait_ms: must be above 0") && m.ends_with("got -5")
        ),
        "{got:?}"
    );
    let lb = Node {
        shed_wait_ms: Some(50.0),
        diurnal: Some(Diurnal {
            peak_to_trough: 2.0,
            period_s: 60.0,
        }),
        ..Node::new("lb", Kind::LoadBalancer, 0.0, 0.0)
    };
    let got = bad(lb);
    assert!(
        got.contains(&"nodes[lb].shed_wait_ms: does not apply to a load balancer".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"nodes[lb].diurnal: does not apply to a load balancer".to_string()),
        "{got:?}"
    );
    let mut u = users("u2", 10.0, reads());
    u.diurnal = Some(Diurnal {
        peak_to_trough: 0.5,
        period_s: 0.0,
    });
    let got = bad(u);
    assert!(
        got.iter()
            .any(|m| m.starts_with("nodes[u2].diurnal.peak_to_trough: must be between 1")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|m| m.starts_with("nodes[u2].diurnal.period_s: must be above 0")),
        "{got:?}"
    );
}
