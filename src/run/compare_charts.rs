//! The compare view's charts: design A's series solid and B's dashed on the same axes, so a
//! difference reads at a glance. Latency (p50 and p99 of every finished request) and outcomes
//! (successful and failed requests per second).

use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

use super::charts::{
    area, chart_builder, draw_mesh, legend, overlays, runs, time_range, top_margin, Mark, Theme,
    OK, P50, P99, REJECTED,
};
use super::series::Point;
use crate::i18n::Text as Words;

/// Dash and gap of design B's lines [px].
const DASH_PX: u32 = 6;
const GAP_PX: u32 = 4;

/// A line of the chart: its value at a point, its colour, and its legend name.
type Line<'a> = (&'a dyn Fn(&Point) -> f64, RGBColor, String);

/// Draws `lines` for both designs: A's solid, B's dashed.
fn draw(
    canvas: &HtmlCanvasElement,
    (a, b): (&[Point], &[Point]),
    lines: &[Line],
    (marks, cursor): (&[Mark], Option<f64>),
    y_desc: &str,
    theme: &Theme,
    words: &Words,
) -> Result<(), String> {
    let root = area(canvas, theme)?;
    let legend_entries: Vec<(String, RGBColor)> = lines
        .iter()
        .flat_map(|(_, c, name)| [(format!("{name} A"), *c), (format!("{name} B - -"), *c)])
        .collect();
    let top = top_margin(&root, &legend_entries, theme)?;
    let last = |p: &[Point]| p.last().map(|p| p.t_s);
    let first = |p: &[Point]| p.first().map(|p| p.t_s);
    let (t0, t1) = time_range(
        first(a).into_iter().chain(first(b)).reduce(f64::min),
        last(a).into_iter().chain(last(b)).reduce(f64::max),
    );
    let y_max = lines
        .iter()
        .flat_map(|(f, _, _)| a.iter().chain(b).map(f))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let y1 = (y_max * 1.1).max(1.0);
    let mut chart = chart_builder(&root, top)
        .build_cartesian_2d(t0..t1, 0.0..y1)
        .map_err(|e| e.to_string())?;
    draw_mesh(&mut chart, theme, y_desc, words)?;
    for (value, color, _) in lines {
        for run in runs(a, value) {
            chart
                .draw_series(LineSeries::new(run, color.stroke_width(2)))
                .map_err(|e| e.to_string())?;
        }
        for run in runs(b, value) {
            chart
                .draw_series(DashedLineSeries::new(
                    run,
                    DASH_PX,
                    GAP_PX,
                    color.stroke_width(2),
                ))
                .map_err(|e| e.to_string())?;
        }
    }
    overlays(&mut chart, marks, cursor, (0.0, y1), theme)?;
    legend(&root, &legend_entries, theme)?;
    Ok(())
}

/// p50 and p99 of every finished request, A solid and B dashed [ms]; `cursor` is the moment a
/// replay shows [s].
pub fn latency(
    canvas: &HtmlCanvasElement,
    pts: (&[Point], &[Point]),
    marks: &[Mark],
    cursor: Option<f64>,
    theme: &Theme,
    words: &Words,
) -> Result<(), String> {
    let (p50, p99) = (|p: &Point| p.all.p50, |p: &Point| p.all.p99);
    let lines: [Line; 2] = [(&p50, P50, "p50".into()), (&p99, P99, "p99".into())];
    draw(canvas, pts, &lines, (marks, cursor), "ms", theme, words)
}

/// Successful and failed requests per second, A solid and B dashed.
pub fn outcomes(
    canvas: &HtmlCanvasElement,
    pts: (&[Point], &[Point]),
    marks: &[Mark],
    cursor: Option<f64>,
    theme: &Theme,
    words: &Words,
) -> Result<(), String> {
    let (ok, failed) = (|p: &Point| p.ok, |p: &Point| p.errors());
    let lines: [Line; 2] = [
        (&ok, OK, words.ok.into()),
        (&failed, REJECTED, words.failed.into()),
    ];
    draw(
        canvas,
        pts,
        &lines,
        (marks, cursor),
        words.axis_rps,
        theme,
        words,
    )
}
