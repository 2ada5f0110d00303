//! Scaleboard's figures without a browser: a scenario's diagram, coloured by how its nodes
//! ended the run, and the run's latency and throughput charts, drawn with plotters.
//!
//! Data flow: [`Scenario`] -> [`run()`] (the model's engine, seeded) -> [`draw`] on any plotters
//! `DrawingBackend` -> [`svg`] for the SVG backend. The same scenario, seed and options give
//! byte-identical SVG, so a documentation build can regenerate a figure and diff it. The
//! series are the model's (`scaleboard_sim::series`), the very points the app's charts draw.
//!
//! Invariant, as for the model: no web crate here (no yew, web-sys, wasm-bindgen): this draws
//! for the command line and build scripts.

mod charts;
mod diagram;
mod figure;
mod marks;
mod palette;
mod run;
mod text;

pub use diagram::shown_name;
pub use figure::{caption, draw, plan, Plan};
pub use run::{run, Run};

use plotters::prelude::*;
use scaleboard_sim::{Scenario, WINDOW_RING};

/// Which charts a figure holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charts {
    None,
    /// End-to-end latency p50, p95 and p99 [ms].
    Latency,
    /// Requests per second by outcome: ok and each cause of error.
    Throughput,
    Both,
}

impl Charts {
    pub fn latency(self) -> bool {
        matches!(self, Charts::Latency | Charts::Both)
    }
    pub fn throughput(self) -> bool {
        matches!(self, Charts::Throughput | Charts::Both)
    }
}

impl std::str::FromStr for Charts {
    type Err = String;
    fn from_str(s: &str) -> Result<Charts, String> {
        match s {
            "latency" => Ok(Charts::Latency),
            "throughput" => Ok(Charts::Throughput),
            "both" => Ok(Charts::Both),
            other => Err(format!(
                "--chart takes latency, throughput or both, not \"{other}\""
            )),
        }
    }
}

/// What to draw and from which run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Simulated time the run lasts, from 0 [ms].
    pub duration_ms: f64,
    /// Seed of the run's random numbers.
    pub seed: u64,
    pub charts: Charts,
    /// The diagram, its nodes coloured by their utilisation at the end of the run.
    pub diagram: bool,
}

impl Options {
    /// Whether these options can draw `s`: a run of at least one window, at most as many
    /// windows as the engine keeps (the charts show every window of the run).
    pub fn check(&self, s: &Scenario) -> Result<(), String> {
        let max_ms = s.window_ms * WINDOW_RING as f64;
        // Not a number is no duration either.
        if self.duration_ms.is_nan() || self.duration_ms < s.window_ms {
            return Err(format!(
                "--duration must be at least one window of the scenario ({} ms)",
                s.window_ms
            ));
        }
        if self.duration_ms > max_ms {
            return Err(format!(
                "--duration can be at most {} s: the engine keeps {WINDOW_RING} windows of {} ms, and a figure shows every one",
                max_ms / 1000.0,
                s.window_ms
            ));
        }
        if !self.diagram && self.charts == Charts::None {
            return Err("nothing to draw: give --diagram, --chart or both".into());
        }
        Ok(())
    }
}

/// The figure of `s` as an SVG document: runs the scenario with `o.seed` for `o.duration_ms`
/// and draws what `o` asks for. Problems (a design that does not compile, options it cannot
/// draw) come back as one readable message per line.
pub fn svg(s: &Scenario, o: &Options) -> Result<String, String> {
    o.check(s)?;
    let r = run(s, o.seed, o.duration_ms).map_err(|ds| {
        ds.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let p = plan(s, o);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (p.width, p.height)).into_drawing_area();
        draw(&root, s, &r, o)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(with_title(
        text::tidy_font_sizes(&out),
        &figure::caption(s, o),
    ))
}

/// `svg` with a `<title>` first inside the root element, which screen readers and a browser's
/// tooltip read as the figure's name (plotters writes none).
fn with_title(svg: String, title: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
    else {
        return svg;
    };
    format!(
        "{}\n<title>{}</title>{}",
        &svg[..open_end],
        text::escape(title),
        &svg[open_end..]
    )
}
