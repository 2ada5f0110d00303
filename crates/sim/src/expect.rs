//! `scaleboard run --expect 'p99<=200ms'`: a figure quoted in prose, checked against a run, so a
//! documentation build fails when the text and the simulation drift apart.
//!
//! An expectation is `FIGURE OP VALUE`: `p50`, `p95`, `p99` (latency of every finished attempt,
//! failures included, as the app's headline), `good` and `errors` [%], `ok` (successful
//! requests per second), `cost` (monthly USD) and `capacity` (requests/s before the bottleneck
//! saturates); `OP` is one of `<=`, `<`, `>=`, `>`; `VALUE` a number with an optional unit that
//! must fit the figure (`ms` or `s` for latency, `%`, `/s` or `rps` and a `k` multiplier for
//! rates, `$` for cost). Spaces are allowed anywhere.

use crate::compare::Figures;
use crate::Snapshot;

/// What an expectation measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// [ms]
    P50,
    P95,
    P99,
    /// [% of finished attempts]
    Good,
    Errors,
    /// Successful requests [requests/s].
    Ok,
    /// [USD per month]
    Cost,
    /// [requests/s]; unlimited when no node limits it.
    Capacity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    AtMost,
    Below,
    AtLeast,
    Above,
}

/// One parsed `--expect`, with the text it came from (quoted back in messages).
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    pub text: String,
    pub figure: Figure,
    pub op: Op,
    /// In the figure's unit ([ms], [%], [requests/s], [USD]).
    pub value: f64,
}

/// What a run measured against one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub expectation: Expectation,
    /// `None` when the figure has no value (no limit on capacity).
    pub measured: Option<f64>,
    pub holds: bool,
}

const FIGURES: &str = "p50, p95, p99, good, errors, ok, cost, capacity";

impl Figure {
    fn named(name: &str) -> Option<Figure> {
        Some(match name {
            "p50" => Figure::P50,
            "p95" => Figure::P95,
            "p99" => Figure::P99,
            "good" => Figure::Good,
            "errors" | "error" => Figure::Errors,
            "ok" | "throughput" => Figure::Ok,
            "cost" => Figure::Cost,
            "capacity" => Figure::Capacity,
            _ => return None,
        })
    }

    /// The figure's value for a run of the design `f` describes, ending in `snap`.
    pub fn of(self, f: &Figures, snap: &Snapshot) -> Option<f64> {
        Some(match self {
            Figure::P50 => f.p50_ms,
            Figure::P95 => snap.latency_all.p95,
            Figure::P99 => f.p99_ms,
            Figure::Good => f.good_pct,
            Figure::Errors => f.error_pct,
            Figure::Ok => f.throughput_rps,
            Figure::Cost => f.monthly_usd,
            Figure::Capacity => return f.capacity_rps,
        })
    }

    /// `v` written in the figure's unit.
    pub fn show(self, v: f64) -> String {
        match self {
            Figure::P50 | Figure::P95 | Figure::P99 if v >= 1000.0 => {
                format!("{:.2} s", v / 1000.0)
            }
            Figure::P50 | Figure::P95 | Figure::P99 => format!("{v:.1} ms"),
            Figure::Good | Figure::Errors => format!("{v:.2} %"),
            Figure::Ok | Figure::Capacity => format!("{v:.0} requests/s"),
            Figure::Cost => format!("${v:.0}/month"),
        }
    }

    /// `VALUE` for this figure: the number in its unit [ms, %, requests/s, USD].
    fn value(self, text: &str) -> Result<f64, String> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let (number, scale) = match self {
            Figure::P50 | Figure::P95 | Figure::P99 => {
                if let Some(n) = t.strip_suffix("ms") {
                    (n, 1.0)
                } else if let Some(n) = t.strip_suffix('s') {
                    (n, 1000.0)
                } else {
                    (t.as_str(), 1.0)
                }
            }
            Figure::Good | Figure::Errors => (t.strip_suffix('%').unwrap_or(&t), 1.0),
            Figure::Ok | Figure::Capacity => {
                let n = t
                    .strip_suffix("/s")
                    .or_else(|| t.strip_suffix("rps"))
                    .unwrap_or(&t);
                match n.strip_suffix('k') {
                    Some(n) => (n, 1000.0),
                    None => (n, 1.0),
                }
            }
            Figure::Cost => {
                let n = t.strip_prefix('$').unwrap_or(&t);
                (n.strip_suffix('$').unwrap_or(n), 1.0)
            }
        };
        match number.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v * scale),
            _ => Err(format!(
                "\"{text}\" is not a value for this figure ({})",
                self.units()
            )),
        }
    }

    fn units(self) -> &'static str {
        match self {
            Figure::P50 | Figure::P95 | Figure::P99 => "e.g. 200ms or 1.5s",
            Figure::Good | Figure::Errors => "a percentage, e.g. 99.9%",
            Figure::Ok | Figure::Capacity => "requests per second, e.g. 2000/s or 2k/s",
            Figure::Cost => "US dollars a month, e.g. $500",
        }
    }
}

impl Op {
    fn holds(self, measured: f64, value: f64) -> bool {
        match self {
            Op::AtMost => measured <= value,
            Op::Below => measured < value,
            Op::AtLeast => measured >= value,
            Op::Above => measured > value,
        }
    }

    fn sign(self) -> &'static str {
        match self {
            Op::AtMost => "<=",
            Op::Below => "<",
            Op::AtLeast => ">=",
            Op::Above => ">",
        }
    }
}

/// Reads one `--expect`, or says what is wrong with it.
pub fn parse(text: &str) -> Result<Expectation, String> {
    let bad = |why: String| format!("--expect '{text}': {why}");
    let (at, op, len) = ["<=", ">=", "<", ">"]
        .iter()
        .filter_map(|s| text.find(s).map(|i| (i, *s)))
        .min_by_key(|(i, s)| (*i, std::cmp::Reverse(s.len())))
        .map(|(i, s)| {
            let op = match s {
                "<=" => Op::AtMost,
                ">=" => Op::AtLeast,
                "<" => Op::Below,
                _ => Op::Above,
            };
            (i, op, s.len())
        })
        .ok_or_else(|| bad("needs one of <=, <, >=, > (e.g. 'p99<=200ms')".into()))?;
    let name = text[..at].trim().to_ascii_lowercase();
    let figure = Figure::named(&name)
        .ok_or_else(|| bad(format!("unknown figure \"{name}\"; one of {FIGURES}")))?;
    let value = figure.value(&text[at + len..]).map_err(bad)?;
    Ok(Expectation {
        text: text.to_string(),
        figure,
        op,
        value,
    })
}

impl Expectation {
    /// Checks the expectation against a run's figures.
    pub fn check(&self, f: &Figures, snap: &Snapshot) -> Checked {
        let measured = self.figure.of(f, snap);
        // No limit on capacity is above any bound and below none.
        let holds = match measured {
            Some(m) => self.op.holds(m, self.value),
            None => matches!(self.op, Op::AtLeast | Op::Above),
        };
        Checked {
            expectation: self.clone(),
            measured,
            holds,
        }
    }
}

impl std::fmt::Display for Checked {
    /// `expected p99 <= 200.0 ms: measured 231.4 ms (does not hold)`.
    fn fmt(&self, out: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let e = &self.expectation;
        let measured = self
            .measured
            .map_or_else(|| "no limit".to_string(), |m| e.figure.show(m));
        write!(
            out,
            "expected {} {} {}: measured {measured} ({})",
            format!("{:?}", e.figure).to_ascii_lowercase(),
            e.op.sign(),
            e.figure.show(e.value),
            if self.holds { "holds" } else { "does not hold" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_units_and_operators_read_as_written() {
        let e = parse("p99<=200ms").expect("p99");
        assert_eq!((e.figure, e.op, e.value), (Figure::P99, Op::AtMost, 200.0));
        assert_eq!(parse(" p95 < 1.5 s ").map(|e| e.value), Ok(1500.0));
        assert_eq!(
            parse("good>=99.9%").map(|e| (e.op, e.value)),
            Ok((Op::AtLeast, 99.9))
        );
        assert_eq!(parse("ok > 2k/s").map(|e| e.value), Ok(2000.0));
        assert_eq!(parse("capacity>=3000rps").map(|e| e.value), Ok(3000.0));
        assert_eq!(parse("cost<=$500").map(|e| e.value), Ok(500.0));
        assert_eq!(
            parse("Errors<0.5").map(|e| (e.figure, e.value)),
            Ok((Figure::Errors, 0.5))
        );
    }

    #[test]
    fn a_bad_expectation_says_what_is_wrong() {
        let msg = parse("p99=200ms").expect_err("no operator");
        assert!(msg.contains("needs one of <="), "{msg}");
        let msg = parse("p98<=200ms").expect_err("figure");
        assert!(
            msg.contains("unknown figure \"p98\"") && msg.contains("p99"),
            "{msg}"
        );
        let msg = parse("good>=lots").expect_err("value");
        assert!(
            msg.contains("\"lots\"") && msg.contains("percentage"),
            "{msg}"
        );
        let msg = parse("p99<=200 parsecs").expect_err("unit");
        assert!(msg.starts_with("--expect 'p99<=200 parsecs'"), "{msg}");
    }

    #[test]
    fn operators_are_strict_or_not_as_written() {
        assert!(Op::AtMost.holds(200.0, 200.0) && !Op::Below.holds(200.0, 200.0));
        assert!(Op::AtLeast.holds(5.0, 5.0) && !Op::Above.holds(5.0, 5.0));
    }
}
