//! The run's charts, as the app's dock draws them (src/run/charts.rs): latency p50/p95/p99 of
//! every finished request over simulated time, with the windows where more than 1 % failed
//! shaded, and throughput stacked by outcome. One point per window of the run (1 s by default),
//! so a minute is 60 points a line, whatever the traffic.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use scaleboard_sim::label::width;
use scaleboard_sim::series::{runs, Point};

use crate::marks::Mark;
use crate::palette::{
    BAD, BG, FAILING, GRID, INK, MUTED, NODE_DOWN, OK, P50, P95, P99, REJECTED, SESSION_LOST,
    THROTTLED, TIMEOUT,
};
use crate::text::style;

/// Height of one chart, title and legend included [px].
pub const CHART_H: u32 = 270;
/// Room above the plot for the title and the legend [px].
const HEAD_PX: u32 = 48;
/// Room for the value labels and the rotated axis title left of the plot [px].
const Y_LABELS_PX: u32 = 64;
/// Room for the time labels and the axis title under the plot [px].
const X_LABELS_PX: u32 = 40;
/// Text sizes [px].
const TITLE_PX: f64 = 14.0;
const LABEL_PX: f64 = 12.0;

type Area<DB> = DrawingArea<DB, Shift>;
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn fail<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The axis titles, with their units, as the figure writes them.
pub const TIME_AXIS: &str = "simulated time [s]";
pub const LATENCY_AXIS: &str = "latency [ms]";
pub const THROUGHPUT_AXIS: &str = "throughput [requests/s]";

/// Value labels, as the app's (`series::axis_label`).
fn fmt_axis(v: &f64) -> String {
    scaleboard_sim::series::axis_label(*v)
}

/// The chart's title at the top left, and a row of legend swatches under it.
fn head<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    entries: &[(&str, RGBColor)],
) -> Result<(), String> {
    let left = Y_LABELS_PX as i32 + 8;
    let top = Pos::new(HPos::Left, VPos::Top);
    area.draw(&Text::new(
        title.to_string(),
        (left, 4),
        style(TITLE_PX, true, &INK).pos(top),
    ))
    .map_err(fail)?;
    let mut x = left;
    for (name, color) in entries {
        area.draw(&Rectangle::new([(x, 26), (x + 10, 36)], color.filled()))
            .map_err(fail)?;
        area.draw(&Text::new(
            name.to_string(),
            (x + 14, 25),
            style(LABEL_PX, false, &MUTED).pos(top),
        ))
        .map_err(fail)?;
        x += 14 + width(name, LABEL_PX).round() as i32 + 14;
    }
    Ok(())
}

/// A chart over `0..t1_s` x `0..top` with its grid, labels and axis titles.
fn chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    t1_s: f64,
    top: f64,
    y_desc: &str,
) -> Result<Chart<'a, DB>, String> {
    let mut chart = ChartBuilder::on(area)
        .margin(8)
        .margin_top(HEAD_PX)
        .margin_right(16)
        .x_label_area_size(X_LABELS_PX)
        .y_label_area_size(Y_LABELS_PX)
        .build_cartesian_2d(0.0..t1_s, 0.0..top)
        .map_err(fail)?;
    chart
        .configure_mesh()
        // Only the labelled lines: light lines would be dozens of elements for no reading.
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(style(LABEL_PX, false, &MUTED))
        .axis_desc_style(style(LABEL_PX, false, &INK))
        .x_desc(TIME_AXIS)
        .y_desc(y_desc)
        .x_labels(7)
        .y_labels(5)
        .x_label_formatter(&|t: &f64| format!("{t:.0}"))
        .y_label_formatter(&fmt_axis)
        .draw()
        .map_err(fail)?;
    Ok(chart)
}

/// Rows of fault labels stacked at the top of a plot, so neighbouring faults stay readable.
const LABEL_ROWS: usize = 3;

/// A red vertical line at each fault over `0..top`, with its label at the plot's top (on the
/// first of a few rows where it does not run into the one before).
fn faults<DB: DrawingBackend>(c: &mut Chart<DB>, marks: &[Mark], top: f64) -> Result<(), String> {
    let label = style(11.0, false, &BAD).pos(Pos::new(HPos::Left, VPos::Top));
    let mut row_ends = [i32::MIN; LABEL_ROWS];
    for (t, text) in marks {
        c.draw_series(std::iter::once(PathElement::new(
            vec![(*t, 0.0), (*t, top)],
            BAD.stroke_width(1),
        )))
        .map_err(fail)?;
        let (x, _) = c.backend_coord(&(*t, top));
        if let Some(row) = row_ends.iter().position(|end| x > *end + 4) {
            let dy = 2 + 13 * row as i32;
            c.plotting_area()
                .draw(
                    &(EmptyElement::at((*t, top))
                        + Text::new(text.clone(), (3, dy), label.clone())),
                )
                .map_err(fail)?;
            row_ends[row] = x + 3 + width(text, 11.0).round() as i32;
        }
    }
    Ok(())
}

/// Rounds a series' values to what a figure can show: 0.1 ms or request/s, and the time to the
/// millisecond, so the SVG's coordinates do not depend on the last bits of a float.
fn tidy(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// End-to-end latency of every finished request, p50 / p95 / p99 [ms], over `0..t1_s`, with
/// the run's faults marked.
pub fn latency<DB: DrawingBackend>(
    area: &Area<DB>,
    pts: &[Point],
    marks: &[Mark],
    t1_s: f64,
) -> Result<(), String> {
    area.fill(&BG).map_err(fail)?;
    let top = pts.iter().map(|p| p.all.p99).fold(1.0_f64, f64::max) * 1.15;
    let mut entries = vec![("p50", P50), ("p95", P95), ("p99", P99)];
    if pts.iter().any(Point::flagged) {
        entries.push(("more than 1 % failed", FAILING));
    }
    head(
        area,
        "Latency of every request: p50, p95, p99 (failed ones when they failed)",
        &entries,
    )?;
    let mut c = chart(area, t1_s, top, LATENCY_AXIS)?;
    // Behind the lines: a falling line over a shaded band reads as requests failing, not as
    // the system getting faster.
    c.draw_series(
        pts.iter()
            .filter(|p| p.flagged())
            .map(|p| Rectangle::new([(p.t0_s, 0.0), (p.t_s, top)], FAILING.filled())),
    )
    .map_err(fail)?;
    let pick = [
        |p: &Point| p.all.p50,
        |p: &Point| p.all.p95,
        |p: &Point| p.all.p99,
    ];
    for (value, color) in pick.iter().zip([P50, P95, P99]) {
        // A window in which nothing finished has no latency: the line breaks there.
        for run in runs(pts, value) {
            c.draw_series(LineSeries::new(
                run.into_iter().map(|(t, v)| (t, tidy(v))),
                color.stroke_width(2),
            ))
            .map_err(fail)?;
        }
    }
    faults(&mut c, marks, top)
}

/// One stacked layer of the throughput chart: its name, colour and top edge [requests/s].
type Layer = (&'static str, RGBColor, fn(&Point) -> f64);

/// Requests per second stacked by outcome: ok at the bottom, then each cause of error; the
/// run's faults marked.
pub fn throughput<DB: DrawingBackend>(
    area: &Area<DB>,
    pts: &[Point],
    marks: &[Mark],
    t1_s: f64,
) -> Result<(), String> {
    area.fill(&BG).map_err(fail)?;
    let top = pts
        .iter()
        .map(|p| p.ok + p.errors())
        .fold(1.0_f64, f64::max)
        * 1.15;
    let layers: [Layer; 6] = [
        ("ok", OK, |p| p.ok),
        ("timeout", TIMEOUT, |p| p.ok + p.timeout),
        ("rejected (503)", REJECTED, |p| {
            p.ok + p.timeout + p.rejected
        }),
        ("node down", NODE_DOWN, |p| {
            p.ok + p.timeout + p.rejected + p.node_down
        }),
        ("session lost", SESSION_LOST, |p| {
            p.ok + p.errors() - p.throttled
        }),
        ("throttled (429)", THROTTLED, |p| p.ok + p.errors()),
    ];
    // "ok" always, a cause of error once it happened.
    let causes: [fn(&Point) -> f64; 5] = [
        |p| p.timeout,
        |p| p.rejected,
        |p| p.node_down,
        |p| p.session_lost,
        |p| p.throttled,
    ];
    let shown: Vec<&Layer> = layers
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || pts.iter().any(|p| causes[i - 1](p) > 0.0))
        .map(|(_, l)| l)
        .collect();
    let entries: Vec<(&str, RGBColor)> = shown.iter().map(|(n, c, _)| (*n, *c)).collect();
    head(area, "Throughput by outcome: ok/s and errors/s", &entries)?;
    let mut c = chart(area, t1_s, top, THROUGHPUT_AXIS)?;
    // Cumulative layers, the top one first so each covers the part below it.
    for (_, color, top_of) in shown.iter().rev() {
        c.draw_series(
            AreaSeries::new(
                pts.iter().map(|p| (p.t_s, tidy(top_of(p)))),
                0.0,
                color.mix(0.75),
            )
            .border_style(*color),
        )
        .map_err(fail)?;
    }
    faults(&mut c, marks, top)
}
