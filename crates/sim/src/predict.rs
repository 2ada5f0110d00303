//! Predict, then run: before a lesson's drill, the lesson asks what one figure of the run will
//! do, with a few concrete choices; afterwards it shows the choice beside what happened. The
//! figure is measured over the drill's windows, never asserted: each choice is a range of it,
//! and [`Prediction::outcome`] decides from a run's closed windows which range the run fell in.
//!
//! Choices are written in ascending order of the figure: choice `i` covers
//! `[choices[i - 1].below, choices[i].below)`, the first from minus infinity, the last (which
//! has no `below`) to plus infinity.

use crate::diagnostic::Diagnostic;
use crate::metrics::Window;
use crate::scenario::Fault;
use serde::{Deserialize, Serialize};

/// Time after the drill's last fault ends during which the run is still watched [s]: queues
/// drain, DNS answers expire, logged-out users come back. The outcome is shown once the run's
/// clock has passed it.
pub const SETTLE_S: f64 = 10.0;

/// The figure a prediction is about, measured over the drill's windows (system-wide figures
/// only: the page receives every window's system figures, and one node's).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// The worst window's p99 of all requests, failed ones included [ms].
    WorstP99Ms,
    /// The lowest share of requests answered within the objective in a window [%].
    LowestGoodPct,
    /// The highest share of finished requests that failed in a window [%].
    PeakErrorPct,
    /// How long requests kept failing: windows with at least one failure [s].
    ErrorSeconds,
    /// Users logged out ('session lost' errors), in all [requests].
    SessionsLost,
    /// Failed requests, in all [requests].
    Failed,
    /// Requests rate limiters turned away (429), in all [requests].
    Throttled,
    /// The share answered within the objective in the last window watched [%]: where the
    /// system ends up once the drill is over (a metastable failure stays at 0).
    FinalGoodPct,
}

/// One answer offered: a range of the figure, in words.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The range's upper end, exclusive, in the figure's unit; absent on the last choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<f64>,
    pub en: String,
    pub ko: String,
}

/// The question in one language.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
}

/// A lesson's prediction.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Prediction {
    pub figure: Figure,
    /// Two to four ranges, ascending.
    pub choices: Vec<Choice>,
    /// The choice the engine produces (0-based), checked by a test that runs the drill.
    pub answer: usize,
    pub en: Question,
    pub ko: Question,
}

/// What a run did: the figure's value and the choice whose range holds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// In the figure's unit.
    pub value: f64,
    pub choice: usize,
}

/// The simulated time a drill is watched over [s]: from its first fault to its last fault's
/// end (a spike's end, else the fault itself) plus [`SETTLE_S`]. `None` for an empty drill.
pub fn span(drill: &[Fault]) -> Option<(f64, f64)> {
    let from = drill.iter().map(|f| f.at_s).reduce(f64::min)?;
    let end = drill
        .iter()
        .map(|f| f.at_s + f.duration_s.unwrap_or(0.0))
        .fold(from, f64::max);
    Some((from, end + SETTLE_S))
}

impl Prediction {
    /// The question in `lang`.
    pub fn question(&self, lang: crate::journey::Lang) -> &str {
        match lang {
            crate::journey::Lang::En => &self.en.question,
            crate::journey::Lang::Ko => &self.ko.question,
        }
    }

    /// The choice whose range holds `value`.
    pub fn choice_for(&self, value: f64) -> usize {
        self.choices
            .iter()
            .position(|c| c.below.is_none_or(|b| value < b))
            .unwrap_or(self.choices.len().saturating_sub(1))
    }

    /// What happened in a run of `drill` (scheduled at its own times), from the run's closed
    /// windows. `None` until a closed window reaches the end of the drill's [`span`]: the
    /// outcome is only told once the whole drill has been watched.
    pub fn outcome<'a>(
        &self,
        drill: &[Fault],
        windows: impl IntoIterator<Item = &'a Window>,
    ) -> Option<Outcome> {
        let (from_s, to_s) = span(drill)?;
        let (from_ms, to_ms) = (from_s * 1000.0, to_s * 1000.0);
        let mut reached = false;
        let within: Vec<&Window> = windows
            .into_iter()
            .inspect(|w| reached |= w.end_ms >= to_ms)
            .filter(|w| w.start_ms >= from_ms && w.start_ms < to_ms)
            .collect();
        if !reached || within.is_empty() {
            return None;
        }
        let value = measure(self.figure, &within);
        Some(Outcome {
            value,
            choice: self.choice_for(value),
        })
    }

    /// Problems of this prediction, paths under `path`.
    pub fn check(&self, path: &str) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        let n = self.choices.len();
        if !(2..=4).contains(&n) {
            d.push(Diagnostic::new(
                format!("{path}.choices"),
                format!("offers {n} choices, 2 to 4 are asked"),
            ));
        }
        if self.answer >= n {
            d.push(Diagnostic::new(
                format!("{path}.answer"),
                format!(
                    "{} names no choice (0 to {})",
                    self.answer,
                    n.saturating_sub(1)
                ),
            ));
        }
        let mut last = f64::NEG_INFINITY;
        for (i, c) in self.choices.iter().enumerate() {
            let p = format!("{path}.choices[{i}]");
            match (c.below, i + 1 == n) {
                (Some(_), true) => d.push(Diagnostic::new(
                    format!("{p}.below"),
                    "the last choice is open-ended: no below",
                )),
                (None, false) => d.push(Diagnostic::new(
                    format!("{p}.below"),
                    "missing: only the last choice is open-ended",
                )),
                (Some(b), false) if !(b.is_finite() && b > last) => d.push(Diagnostic::new(
                    format!("{p}.below"),
                    "must be a number above the previous choice's",
                )),
                (Some(b), false) => last = b,
                (None, true) => {}
            }
            for (lang, t) in [("en", &c.en), ("ko", &c.ko)] {
                if t.trim().is_empty() {
                    d.push(Diagnostic::new(format!("{p}.{lang}"), "must not be empty"));
                }
            }
        }
        for (lang, q) in [("en", &self.en), ("ko", &self.ko)] {
            if q.question.trim().is_empty() {
                d.push(Diagnostic::new(
                    format!("{path}.{lang}.question"),
                    "must not be empty",
                ));
            }
        }
        d
    }
}

/// `figure` over `windows` (at least one).
fn measure(figure: Figure, windows: &[&Window]) -> f64 {
    let max = |f: &dyn Fn(&Window) -> f64| windows.iter().map(|w| f(w)).fold(0.0, f64::max);
    let total = |f: &dyn Fn(&Window) -> u64| windows.iter().map(|w| f(w)).sum::<u64>() as f64;
    match figure {
        Figure::WorstP99Ms => max(&|w| w.latency_all.p99),
        // A window where nothing finished says nothing about good service.
        Figure::LowestGoodPct => windows
            .iter()
            .filter(|w| w.counts.finished() > 0)
            .map(|w| w.good_ratio * 100.0)
            .fold(100.0, f64::min),
        Figure::PeakErrorPct => max(&|w| match w.counts.finished() {
            0 => 0.0,
            n => w.counts.errors() as f64 * 100.0 / n as f64,
        }),
        Figure::ErrorSeconds => windows
            .iter()
            .filter(|w| w.counts.errors() > 0)
            .map(|w| (w.end_ms - w.start_ms) / 1000.0)
            .fold(0.0, |a, b| a + b),
        Figure::SessionsLost => total(&|w| w.counts.session_lost),
        Figure::Failed => total(&|w| w.counts.errors()),
        Figure::Throttled => total(&|w| w.counts.throttled),
        Figure::FinalGoodPct => windows.last().map_or(0.0, |w| w.good_ratio * 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Counts;
    use crate::scenario::Action;

    fn choice(below: Option<f64>) -> Choice {
        Choice {
            below,
            en: "x".into(),
            ko: "엑스".into(),
        }
    }

    /// The cache question of step 5: under 200 ms / 200 ms to 2 s / 2 s and more.
    fn p99_question() -> Prediction {
        Prediction {
            figure: Figure::WorstP99Ms,
            choices: vec![choice(Some(200.0)), choice(Some(2000.0)), choice(None)],
            answer: 2,
            en: Question {
                question: "p99?".into(),
            },
            ko: Question {
                question: "p99는?".into(),
            },
        }
    }

    fn fault(at_s: f64, duration_s: Option<f64>) -> Fault {
        Fault {
            at_s,
            action: Action::Fail,
            node: Some("cache".into()),
            dc: None,
            factor: None,
            rate_rps: None,
            duration_s,
            from: None,
            to: None,
            delay_ms: None,
        }
    }

    /// A 1 s window starting at `s` with `ok` good answers, `errors` timeouts and a p99.
    fn window(s: f64, ok: u64, errors: u64, p99: f64) -> Window {
        let mut w = Window {
            start_ms: s * 1000.0,
            end_ms: (s + 1.0) * 1000.0,
            counts: Counts {
                ok,
                good: ok,
                timeout: errors,
                ..Counts::default()
            },
            ..Window::default()
        };
        w.latency_all.p99 = p99;
        w.good_ratio = ok as f64 / (ok + errors).max(1) as f64;
        w
    }

    #[test]
    fn each_value_falls_in_exactly_one_range_lower_end_inclusive() {
        let p = p99_question();
        let picks: Vec<usize> = [0.0, 199.9, 200.0, 1999.0, 2000.0, 1e9]
            .iter()
            .map(|&v| p.choice_for(v))
            .collect();
        assert_eq!(picks, vec![0, 0, 1, 1, 2, 2]);
        assert!(p.check("p").is_empty());
    }

    #[test]
    fn a_drill_is_watched_from_its_first_fault_until_its_last_ends_plus_the_settle_time() {
        assert_eq!(
            span(&[fault(20.0, None), fault(50.0, None)]),
            Some((20.0, 60.0))
        );
        // A spike lasts its duration: 10 s + 20 s, then the settle time.
        assert_eq!(span(&[fault(10.0, Some(20.0))]), Some((10.0, 40.0)));
        assert_eq!(span(&[]), None);
    }

    #[test]
    fn the_outcome_is_measured_over_the_drill_only_and_waits_for_its_end() {
        let p = p99_question();
        let drill = [fault(2.0, None), fault(4.0, None)]; // watched over [2 s, 14 s)
                                                          // A bad second before the drill does not count; the drill's worst is 900 ms.
        let mut ws: Vec<Window> = (0..14)
            .map(|s| window(s as f64, 100, 0, if s == 5 { 900.0 } else { 50.0 }))
            .collect();
        ws[0].latency_all.p99 = 5000.0;
        assert_eq!(p.outcome(&drill, &ws[..13]), None, "the drill is not over");
        let o = p.outcome(&drill, &ws).expect("over");
        assert_eq!((o.value, o.choice), (900.0, 1));
    }

    #[test]
    fn every_figure_reads_the_windows_it_names() {
        // Watched over [0 s, 13 s): three seconds with failures, the worst half failed.
        let drill = [fault(0.0, Some(3.0))];
        let mut ws: Vec<Window> = (0..13).map(|s| window(s as f64, 100, 0, 20.0)).collect();
        ws[1] = window(1.0, 90, 10, 300.0);
        ws[2] = window(2.0, 50, 50, 2000.0);
        ws[3] = window(3.0, 99, 1, 80.0);
        ws[3].counts.session_lost = 4;
        let value = |figure| {
            let p = Prediction {
                figure,
                ..p99_question()
            };
            p.outcome(&drill, &ws).expect("over").value
        };
        assert_eq!(value(Figure::WorstP99Ms), 2000.0);
        assert_eq!(value(Figure::LowestGoodPct), 50.0);
        assert_eq!(value(Figure::PeakErrorPct), 50.0);
        assert_eq!(value(Figure::ErrorSeconds), 3.0);
        assert_eq!(value(Figure::SessionsLost), 4.0);
        // 61 timeouts and the 4 logouts.
        assert_eq!(value(Figure::Failed), 65.0);
        // Recovered by the end: the last window watched (12 s) was all good.
        assert_eq!(value(Figure::FinalGoodPct), 100.0);
        // Still failing at the end: the last window's share, whatever came before.
        ws[12] = window(12.0, 30, 70, 20.0);
        let p = Prediction {
            figure: Figure::FinalGoodPct,
            ..p99_question()
        };
        assert_eq!(p.outcome(&drill, &ws).expect("over").value, 30.0);
    }

    #[test]
    fn a_badly_written_prediction_is_reported_with_its_paths() {
        let mut p = p99_question();
        p.choices[1].below = Some(100.0);
        p.choices[2].below = Some(5000.0);
        p.answer = 3;
        p.ko.question = " ".into();
        let text: Vec<String> = p.check("p").iter().map(|d| d.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "p.answer: 3 names no choice (0 to 2)",
                "p.choices[1].below: must be a number above the previous choice's",
                "p.choices[2].below: the last choice is open-ended: no below",
                "p.ko.question: must not be empty",
            ]
        );
    }
}
