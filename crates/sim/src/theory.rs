//! Queueing theory beside the run: for a serving node, from its measured arrival rate, its
//! workers and its service time, what theory predicts (utilisation, the chance of waiting in
//! line, the mean wait, the 99th percentile of the time in the node), next to what the run
//! measured.
//!
//! - **Erlang C (exact)** when the node's input is Poisson by construction ([`poisson_input`])
//!   and its service exponential: the M/M/c formulas, and the exact distribution of the time
//!   in the node for its p99.
//! - **Allen-Cunneen (approximation)** otherwise: the mean wait of M/M/c scaled by
//!   (ca² + cs²) / 2, with ca² the arrival gaps' variability measured at the node and cs² the
//!   service time's (0 constant, 1 exponential, cv² log-normal). Exact for M/G/1 with Poisson
//!   input (Pollaczek-Khinchine). Its p99 takes the wait as exponential given a wait.
//! - **No formula**, with a plain note, when neither applies: overloaded, turning requests
//!   away, down, slowed or failed over during the run, an autoscaled pool that changed,
//!   routing-only nodes, message-queue workers.
//!
//! Times in ms, rates in requests/ms unless named otherwise. Pure functions: nothing here
//! knows the engine beyond the snapshot it reads.

use crate::engine::NodeSnapshot;
use crate::journey::Lang;
use crate::kind::Kind;
use crate::params::Params;
use crate::scenario::{Arrival, Policy, Scenario};
use serde::Serialize;

/// Erlang C: the probability that an arrival waits in M/M/c with `c` workers and offered
/// load `a` = λ·E[S] (in workers). Computed through Erlang B's recursion,
/// B(k) = a·B(k-1) / (k + a·B(k-1)), which never forms a^c or c! and so stays accurate for
/// thousands of workers and for `a` close to `c`. 1 when `a >= c` (everyone waits).
pub fn erlang_c(c: u32, a: f64) -> f64 {
    if c == 0 {
        return 1.0;
    }
    // No load (or NaN): nobody waits.
    if a.is_nan() || a <= 0.0 {
        return 0.0;
    }
    let cf = f64::from(c);
    if a >= cf {
        return 1.0;
    }
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    let rho = a / cf;
    b / (1.0 - rho * (1.0 - b))
}

/// M/M/c mean wait in line [ms]: C(c, a) · E[S] / (c - a), for arrival rate `lambda`
/// [requests/ms] and mean service `s` [ms]. Infinite at or above saturation.
pub fn mmc_mean_wait_ms(c: u32, lambda: f64, s: f64) -> f64 {
    let a = lambda * s;
    let room = f64::from(c) - a;
    if room <= 0.0 {
        return f64::INFINITY;
    }
    erlang_c(c, a) * s / room
}

/// M/M/c mean time in the node, waiting plus being served [ms].
pub fn mmc_response_mean_ms(c: u32, lambda: f64, s: f64) -> f64 {
    s + mmc_mean_wait_ms(c, lambda, s)
}

/// The `q` quantile of the M/M/c time in the node [ms]: service Exp(1/s) plus a wait that is
/// 0 with probability 1 - C and Exp(c/s - λ) otherwise (exact).
pub fn mmc_response_quantile_ms(c: u32, lambda: f64, s: f64, q: f64) -> f64 {
    let a = lambda * s;
    let theta = (f64::from(c) - a) / s;
    if theta <= 0.0 {
        return f64::INFINITY;
    }
    response_quantile_ms(q, Shape::Exponential, s, erlang_c(c, a), theta)
}

/// Allen-Cunneen's mean wait in line for G/G/c [ms]:
/// Wq ≈ C(c, a) · (ca² + cs²) / 2 · E[S] / (c - a), with `a` = λ·E[S].
/// (Allen, *Probability, Statistics and Queueing Theory*, 1990; Hopp & Spearman, *Factory
/// Physics*, the "VUT" equation.) For c = 1 and Poisson input (ca² = 1) it is exactly
/// Pollaczek-Khinchine's M/G/1 mean.
pub fn allen_cunneen_wait_ms(c: u32, a: f64, ca2: f64, cs2: f64, s: f64) -> f64 {
    let room = f64::from(c) - a;
    if room <= 0.0 {
        return f64::INFINITY;
    }
    erlang_c(c, a) * (ca2 + cs2) / 2.0 * s / room
}

/// The shape of a service-time distribution, for the time in the node's percentiles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    Constant,
    Exponential,
    /// Log-normal with this squared coefficient of variation.
    LogNormal(f64),
}

/// P(T > t) for T = S + W, S of `shape` with mean `s` [ms], W 0 with probability 1 - `pw`
/// and exponential with rate `theta` [1/ms] otherwise.
fn response_tail(t: f64, shape: Shape, s: f64, pw: f64, theta: f64) -> f64 {
    if t <= 0.0 {
        return 1.0;
    }
    match shape {
        Shape::Constant if t < s => 1.0,
        Shape::Constant => pw * (-theta * (t - s)).exp(),
        Shape::Exponential => {
            // e^{-μt} + pw·μ·(e^{-μt} - e^{-θt}) / (θ - μ), its limit t·e^{-μt} when θ = μ.
            let mu = 1.0 / s;
            let d = theta - mu;
            let conv = if (d * t).abs() < 1e-9 {
                t * (-mu * t).exp()
            } else {
                ((-mu * t).exp() - (-theta * t).exp()) / d
            };
            (-mu * t).exp() + pw * mu * conv
        }
        Shape::LogNormal(cv2) => {
            // P(S > t) + pw · ∫ f_S(x) e^{-θ(t-x)} dx over x < t, integrated in the standard
            // normal variable z of ln S (Simpson's rule; the integrand is smooth).
            let sigma2 = libm::log1p(cv2);
            let sd = sigma2.sqrt();
            let m = s.ln() - sigma2 / 2.0;
            let zt = (t.ln() - m) / sd;
            let phi = |z: f64| (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
            // P(S > t): the normal tail beyond zt (nothing is left past 9 standard deviations).
            let above = simpson(zt, zt.max(0.0) + 9.0, phi);
            let below = simpson(zt.min(0.0) - 9.0, zt, |z| {
                phi(z) * (-theta * (t - (m + sd * z).exp()).max(0.0)).exp()
            });
            above + pw * below
        }
    }
}

/// ∫ f over [a, b] by Simpson's rule on 400 intervals (0 when b <= a): enough for the smooth
/// integrands above to well under 0.1 %.
fn simpson(a: f64, b: f64, f: impl Fn(f64) -> f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    let n = 400;
    let h = (b - a) / f64::from(n);
    let mut sum = f(a) + f(b);
    for k in 1..n {
        sum += f(a + h * f64::from(k)) * if k % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0
}

/// The `q` quantile of S + W (as in [`response_tail`]) [ms], by bisection.
pub fn response_quantile_ms(q: f64, shape: Shape, s: f64, pw: f64, theta: f64) -> f64 {
    let target = 1.0 - q;
    let mut hi = s.max(1e-9) + if theta > 0.0 { pw / theta } else { 0.0 };
    let mut doublings = 0;
    while response_tail(hi, shape, s, pw, theta) > target && doublings < 200 {
        hi *= 2.0;
        doublings += 1;
    }
    let mut lo = 0.0;
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        if response_tail(mid, shape, s, pw, theta) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    hi
}

/// Whether the requests reaching node `id` are a Poisson stream by construction: every wire
/// into it comes from a users node sending Poisson arrivals without retries (a retry adds an
/// arrival tied to an earlier one), or from DNS or a load balancer that splits a Poisson
/// stream at random (a random policy, or a single target) and is itself fed Poisson. A random
/// split or merge of Poisson streams is Poisson; round robin over k servers is not (each sees
/// Erlang-k gaps, ca² = 1/k), nor is anything that leaves a server.
pub fn poisson_input(s: &Scenario, id: &str) -> bool {
    // Its own rate limiter thins its input by a rule, not at random.
    s.node(id).is_none_or(|n| n.rate_limit.is_none()) && poisson_in(s, id, 0)
}

fn poisson_in(s: &Scenario, id: &str, depth: u32) -> bool {
    // Deeper than any routing chain a design draws: a cycle, not a chain.
    if depth > 16 {
        return false;
    }
    let mut any = false;
    for w in s.wires.iter().filter(|w| w.to == id) {
        any = true;
        let Some(src) = s.node(&w.from) else {
            return false;
        };
        let p = Params::of(src);
        let fan_out = s.wires.iter().filter(|x| x.from == src.id).count();
        // A daily cycle's stream is Poisson at each instant but not one steady rate; a rate
        // limiter's output is not Poisson once it throttles.
        let poisson = match src.kind {
            Kind::Users => p.arrival == Arrival::Poisson && p.retries == 0 && p.diurnal.is_none(),
            Kind::Dns => poisson_in(s, &src.id, depth + 1),
            Kind::LoadBalancer => {
                (p.policy == Policy::Random || fan_out == 1)
                    && p.rate_limit.is_none()
                    && poisson_in(s, &src.id, depth + 1)
            }
            _ => false,
        };
        if !poisson {
            return false;
        }
    }
    any
}

/// Which formula a prediction used.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// M/M/c, exact.
    ErlangC,
    /// G/G/c, Allen-Cunneen's approximation.
    AllenCunneen,
    /// No formula applies; the note says why.
    None,
}

impl Model {
    /// The model's name as shown: "Erlang C (exact)".
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Model::ErlangC, Lang::En) => "Erlang C (exact)",
            (Model::ErlangC, Lang::Ko) => "얼랭 C (정확)",
            (Model::AllenCunneen, Lang::En) => "Allen-Cunneen (approximation)",
            (Model::AllenCunneen, Lang::Ko) => "앨런-커니언 (근사)",
            (Model::None, Lang::En) => "no formula",
            (Model::None, Lang::Ko) => "공식 없음",
        }
    }

    /// The glossary term the name links to.
    pub fn term(self) -> Option<&'static str> {
        match self {
            Model::ErlangC => Some("erlang-c"),
            Model::AllenCunneen => Some("allen-cunneen"),
            Model::None => None,
        }
    }

    /// How the p99 was obtained.
    pub fn p99_method(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Model::ErlangC, Lang::En) => "exact M/M/c distribution of the time in the node",
            (Model::ErlangC, Lang::Ko) => "노드 안 시간의 정확한 M/M/c 분포",
            (Model::AllenCunneen, Lang::En) => {
                "wait taken as exponential given a wait, with the Allen-Cunneen mean"
            }
            (Model::AllenCunneen, Lang::Ko) => {
                "기다리는 경우의 대기 시간을 앨런-커니언 평균의 지수분포로 가정"
            }
            (Model::None, _) => "",
        }
    }
}

/// Why no formula applies.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    RoutingOnly,
    QueueWorker,
    TooFew,
    Down,
    WasDown,
    Slowed,
    FailedOver,
    Rescaled,
    Overloaded,
    Rejecting,
    /// Its load shedding turned requests away.
    Sheds,
    /// Its rate limiter turned requests away.
    Throttles,
    /// A users node's traffic follows a daily cycle.
    DailyCycle,
}

impl Note {
    /// The note in plain words.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => match self {
                Note::RoutingOnly => "It passes requests on at once: no waiting line of its own, so no queueing formula.",
                Note::QueueWorker => "Jobs wait in line in the message queue, not here, and a worker takes the next one when it is free: the formula for one node alone does not fit.",
                Note::TooFew => "Too few requests measured yet (under 100) to compare.",
                Note::Down => "It is down now: there is no steady state to predict.",
                Note::WasDown => "It was down during the run: its line emptied and filled again, so there is no steady state to compare.",
                Note::Slowed => "Its speed changed during the run (slowed down or back to normal): its service time was not one steady value.",
                Note::FailedOver => "Its database group failed over during the run: the traffic it gets changed, so there is no steady state.",
                Note::Rescaled => "Its autoscaled pool grew or shrank during the run: each server's traffic changed, so there is no steady state.",
                Note::Overloaded => "Overloaded (utilisation 100 % or more): requests arrive faster than the workers finish them, so there is no steady state; the waiting line grows until it is full and requests are turned away.",
                Note::Rejecting => "Its waiting line was full at times and turned requests away (rejections measured): the formulas assume a line with room for everyone.",
                Note::Sheds => "It sheds load: it turned away requests that would have waited too long. The formulas assume every arrival joins the line.",
                Note::Throttles => "Its rate limiter turned requests away (429): its line does not see the stream that arrived.",
                Note::DailyCycle => "The traffic follows a daily cycle: its rate keeps changing, so there is no steady state.",
            },
            Lang::Ko => match self {
                Note::RoutingOnly => "요청을 곧바로 넘기므로 자체 대기 줄이 없어 대기열 공식이 없습니다.",
                Note::QueueWorker => "작업은 여기가 아니라 메시지 큐에서 줄을 서고, 워커가 비면 다음 작업을 가져갑니다. 노드 하나만 본 공식은 맞지 않습니다.",
                Note::TooFew => "비교하기에는 아직 측정된 요청이 너무 적습니다(100개 미만).",
                Note::Down => "지금 다운 상태라 예측할 정상 상태가 없습니다.",
                Note::WasDown => "실행 중에 다운된 적이 있어 대기 줄이 비었다가 다시 찼으므로, 비교할 정상 상태가 없습니다.",
                Note::Slowed => "실행 중에 속도가 바뀌어(느려지거나 정상으로 돌아와) 처리 시간이 하나의 일정한 값이 아니었습니다.",
                Note::FailedOver => "실행 중에 데이터베이스 그룹이 장애 조치되어 받는 트래픽이 바뀌었으므로 정상 상태가 없습니다.",
                Note::Rescaled => "실행 중에 오토스케일 풀이 늘거나 줄어 서버마다 받는 트래픽이 바뀌었으므로 정상 상태가 없습니다.",
                Note::Overloaded => "과부하(사용률 100 % 이상): 워커가 끝내는 것보다 빨리 요청이 도착하므로 정상 상태가 없고, 대기 줄은 가득 찰 때까지 늘어나 요청이 거절됩니다.",
                Note::Rejecting => "대기 줄이 때때로 가득 차 요청을 거절했습니다(거절이 측정됨). 공식은 모두가 들어갈 자리가 있는 줄을 가정합니다.",
                Note::Sheds => "부하 차단으로 너무 오래 기다릴 요청을 돌려보냈습니다. 공식은 모든 요청이 줄에 선다고 가정합니다.",
                Note::Throttles => "요청 제한이 요청을 돌려보냈습니다(429). 줄에 닿는 요청이 도착한 흐름과 다릅니다.",
                Note::DailyCycle => "트래픽이 하루 주기를 따라 도착률이 계속 바뀌므로 정상 상태가 없습니다.",
            },
        }
    }
}

/// What the run measured at the node, for the same four figures.
#[derive(Serialize, Clone, Copy, Debug, Default, PartialEq)]
pub struct Measured {
    /// Busy workers / workers, time-averaged (0..1).
    pub utilisation: f64,
    /// Arrivals that found every worker busy / arrivals (0..1).
    pub p_wait: Option<f64>,
    /// Mean wait in line [ms].
    pub mean_wait_ms: Option<f64>,
    /// 99th percentile of the time in the node [ms].
    pub p99_ms: Option<f64>,
}

/// Theory's prediction for one node, beside what was measured.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Prediction {
    pub model: Model,
    /// λ·E[S] / c: the share of the workers' time the arrivals need (0..; 1 or more is
    /// overload).
    pub utilisation: f64,
    /// Probability that an arrival waits in line (Erlang C; for Allen-Cunneen, Erlang C as its
    /// approximation).
    pub p_wait: Option<f64>,
    /// Mean wait in line [ms].
    pub mean_wait_ms: Option<f64>,
    /// 99th percentile of the time in the node, waiting plus being served [ms].
    pub p99_ms: Option<f64>,
    /// Arrival variability used: 1 for Poisson by construction, else as measured.
    pub ca2: Option<f64>,
    /// Service time variability used.
    pub cs2: f64,
    pub note: Option<Note>,
    pub measured: Measured,
}

/// Theory for node `n` of a run; `poisson` says whether its input is Poisson by construction
/// ([`poisson_input`] on the scenario).
pub fn predict(n: &NodeSnapshot, poisson: bool) -> Prediction {
    predict_with(n, poisson, false)
}

/// Whether a users node of `s` follows a daily cycle: then no node has a steady state.
pub fn daily_cycle(s: &Scenario) -> bool {
    s.nodes.iter().any(|n| n.diurnal.is_some())
}

/// [`predict`], told whether the traffic follows a daily cycle ([`daily_cycle`]).
pub fn predict_with(n: &NodeSnapshot, poisson: bool, daily: bool) -> Prediction {
    let mut p = Prediction {
        model: Model::None,
        utilisation: 0.0,
        p_wait: None,
        mean_wait_ms: None,
        p99_ms: None,
        ca2: None,
        cs2: 0.0,
        note: None,
        measured: Measured {
            utilisation: n.utilization,
            ..Measured::default()
        },
    };
    let Some(q) = &n.queueing else {
        p.note = Some(if n.kind == Kind::MessageQueue {
            Note::QueueWorker
        } else {
            Note::RoutingOnly
        });
        return p;
    };
    let c = q.workers.max(1);
    let s = q.service_mean_ms;
    let lambda = n.arrival_rps / 1000.0;
    let a = lambda * s;
    p.utilisation = a / f64::from(c);
    p.cs2 = q.service_cv2;
    if n.arrivals > 0 {
        p.measured.p_wait = Some(q.waited as f64 / n.arrivals as f64);
        p.measured.mean_wait_ms = Some(q.mean_wait_ms);
    }
    if q.served > 0 {
        p.measured.p99_ms = Some(q.p99_ms);
    }
    p.note = if n.kind == Kind::Worker {
        Some(Note::QueueWorker)
    } else if !n.up {
        Some(Note::Down)
    } else if q.was_down {
        Some(Note::WasDown)
    } else if q.slowed {
        Some(Note::Slowed)
    } else if q.failed_over {
        Some(Note::FailedOver)
    } else if q.rescaled {
        Some(Note::Rescaled)
    } else if daily {
        Some(Note::DailyCycle)
    } else if n.arrivals < 100 {
        Some(Note::TooFew)
    } else if n.shed > 0 {
        Some(Note::Sheds)
    } else if n.throttled > 0 {
        Some(Note::Throttles)
    } else if p.utilisation >= 1.0 {
        Some(Note::Overloaded)
    } else if q.rejected > 0 {
        Some(Note::Rejecting)
    } else {
        None
    };
    let ca2 = if poisson { Some(1.0) } else { q.arrival_ca2 };
    let (Some(ca2), None) = (ca2, p.note) else {
        if p.note.is_none() {
            p.note = Some(Note::TooFew);
        }
        return p;
    };
    let pw = erlang_c(c, a);
    let shape = if q.exponential {
        Shape::Exponential
    } else if q.service_cv2 == 0.0 {
        Shape::Constant
    } else {
        Shape::LogNormal(q.service_cv2)
    };
    p.ca2 = Some(ca2);
    p.p_wait = Some(pw);
    if poisson && q.exponential {
        p.model = Model::ErlangC;
        p.mean_wait_ms = Some(mmc_mean_wait_ms(c, lambda, s));
        p.p99_ms = Some(mmc_response_quantile_ms(c, lambda, s, 0.99));
    } else {
        p.model = Model::AllenCunneen;
        let wq = allen_cunneen_wait_ms(c, a, ca2, q.service_cv2, s);
        p.mean_wait_ms = Some(wq);
        // Given a wait, its mean is Wq / C; taken as exponential.
        // With no wait at all (ca² + cs² = 0) the rate is unused: any finite value.
        let theta = if wq > 0.0 { pw / wq } else { 1.0 };
        let pw_tail = if wq > 0.0 { pw } else { 0.0 };
        p.p99_ms = Some(response_quantile_ms(0.99, shape, s, pw_tail, theta));
    }
    p
}

/// Predictions for every node of a run of `s` (in snapshot order), each with whether its
/// input was taken as Poisson.
pub fn predict_all(s: &Scenario, nodes: &[NodeSnapshot]) -> Vec<Prediction> {
    let daily = daily_cycle(s);
    nodes
        .iter()
        .map(|n| predict_with(n, poisson_input(s, &n.id), daily))
        .collect()
}
