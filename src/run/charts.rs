//! Charts drawn with plotters on a `<canvas>`: latency percentiles, throughput by outcome, and
//! the selected node. Plain functions of the series; every fault is a labelled vertical marker
//! and the hovered time a cursor line.

use super::backend::ChartCanvas;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use scaleboard_sim::series::colour;
use web_sys::HtmlCanvasElement;

use super::series::{NodePoint, Point};
use crate::i18n::Text as Words;

/// Colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub bg: RGBColor,
    pub ink: RGBColor,
    pub grid: RGBColor,
    pub marker: RGBColor,
    /// Behind the latency of windows where more than 1 % of requests failed.
    pub failing: RGBColor,
}

pub const LIGHT: Theme = Theme {
    bg: RGBColor(255, 255, 255),
    ink: RGBColor(89, 99, 110),
    grid: RGBColor(230, 234, 239),
    marker: RGBColor(207, 34, 46),
    failing: RGBColor(252, 222, 224),
};
pub const DARK: Theme = Theme {
    bg: RGBColor(21, 27, 35),
    ink: RGBColor(145, 152, 161),
    grid: RGBColor(42, 49, 60),
    marker: RGBColor(255, 123, 114),
    failing: RGBColor(78, 34, 40),
};

/// Series colours, readable on both themes.
pub const P50: RGBColor = rgb(colour::P50);
pub const P95: RGBColor = rgb(colour::P95);
pub const P99: RGBColor = rgb(colour::P99);
pub const OK: RGBColor = rgb(colour::OK);
pub const TIMEOUT: RGBColor = rgb(colour::TIMEOUT);
pub const REJECTED: RGBColor = rgb(colour::REJECTED);
pub const NODE_DOWN: RGBColor = rgb(colour::NODE_DOWN);
pub const SESSION_LOST: RGBColor = rgb(colour::SESSION_LOST);
pub const THROTTLED: RGBColor = rgb(colour::THROTTLED);
pub const UTIL: RGBColor = RGBColor(31, 111, 235);
pub const QUEUE: RGBColor = RGBColor(210, 153, 34);
pub const HIT: RGBColor = RGBColor(46, 160, 67);
pub const LAG: RGBColor = RGBColor(137, 87, 229);

/// A fault marker: when [s] and a short label.
pub type Mark = (f64, String);

/// Where a chart's plotting area lies, to map a pointer back to a time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Frame {
    /// Plotting area's left and right edges [canvas px].
    pub left: f64,
    pub right: f64,
    /// Time at those edges [s].
    pub t0: f64,
    pub t1: f64,
}

impl Frame {
    /// The time under canvas x [px], if inside the plotting area.
    pub fn time_at(&self, x: f64) -> Option<f64> {
        if self.right <= self.left || x < self.left || x > self.right {
            return None;
        }
        Some(self.t0 + (x - self.left) / (self.right - self.left) * (self.t1 - self.t0))
    }
}

/// The time axis: everything in the series, at least 10 s wide [s].
pub(super) fn time_range(first: Option<f64>, last: Option<f64>) -> (f64, f64) {
    let t1 = last.unwrap_or(10.0).max(10.0);
    let t0 = first
        .map(|f| (f - 1.0).max(0.0))
        .unwrap_or(0.0)
        .min(t1 - 10.0)
        .max(0.0);
    (t0, t1)
}

/// Height of one legend row [px].
const LEGEND_ROW_PX: i32 = 13;
/// Rows of fault labels stacked at the top of a chart before a label is left out.
const LABEL_ROWS: usize = 3;
/// Chart margins [px]: the top one holds the legend row.
const MARGIN_PX: i32 = 8;
const TOP_PX: i32 = 18;
/// Width of the y axis labels [px].
const Y_LABELS_PX: i32 = 48;
/// Where the plot starts [px from the canvas's left].
const LEFT_PX: i32 = MARGIN_PX + Y_LABELS_PX;

pub(super) type Area = DrawingArea<ChartCanvas, plotters::coord::Shift>;

/// Value axis labels (`series::axis_label`).
fn fmt_axis(v: &f64) -> String {
    scaleboard_sim::series::axis_label(*v)
}

const fn rgb((r, g, b): colour::Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

/// Gives the canvas as many pixels as it shows, so text is drawn at its size, not scaled by CSS.
fn fit_to_box(canvas: &HtmlCanvasElement) {
    let (w, h) = (canvas.client_width(), canvas.client_height());
    // Not laid out yet (hidden, or before the first layout): keep the markup's size.
    if w <= 0 || h <= 0 {
        return;
    }
    let (w, h) = (w as u32, h as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
}

pub(super) fn area(canvas: &HtmlCanvasElement, theme: &Theme) -> Result<Area, String> {
    fit_to_box(canvas);
    let backend = ChartCanvas::new(canvas).ok_or("no 2D context on the chart canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&theme.bg).map_err(|e| e.to_string())?;
    Ok(root)
}

pub(super) fn frame_of<X, Y>(
    chart: &ChartContext<ChartCanvas, Cartesian2d<X, Y>>,
    t0: f64,
    t1: f64,
) -> Frame
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged,
{
    let (xs, _) = chart.plotting_area().get_pixel_range();
    Frame {
        left: f64::from(xs.start),
        right: f64::from(xs.end),
        t0,
        t1,
    }
}

/// Vertical markers for faults and the hover cursor, over a chart whose y spans `y0..y1`.
pub(super) fn overlays<X, Y>(
    chart: &mut ChartContext<ChartCanvas, Cartesian2d<X, Y>>,
    marks: &[Mark],
    hover: Option<f64>,
    (y0, y1): (f64, f64),
    theme: &Theme,
) -> Result<(), String>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    let label_style = TextStyle::from(("sans-serif", 11).into_font()).color(&theme.marker);
    // Labels in pixels over the plot: each on the first of a few rows where it does not
    // overlap an earlier one, pulled left to stay inside; with no room at all, the line alone.
    let plot = chart.plotting_area().strip_coord_spec();
    let (plot_w, _) = plot.dim_in_pixel();
    let (xs, _) = chart.plotting_area().get_pixel_range();
    let mut row_ends = [i32::MIN; LABEL_ROWS];
    for (t, label) in marks {
        let (x_abs, _) = chart.backend_coord(&(*t, y1));
        // A fault outside the time shown (a chart still on its first seconds) is not drawn.
        if x_abs < xs.start || x_abs > xs.end {
            continue;
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(*t, y0), (*t, y1)],
                theme.marker.stroke_width(1),
            )))
            .map_err(|e| e.to_string())?;
        let (w, _) = plot
            .estimate_text_size(label, &label_style)
            .map_err(|e| e.to_string())?;
        let x = (x_abs - xs.start + 2)
            .min(plot_w as i32 - w as i32 - 2)
            .max(0);
        if let Some(row) = row_ends.iter().position(|end| x > *end + 4) {
            plot.draw(&Text::new(
                label.clone(),
                (x, 2 + 13 * row as i32),
                label_style.clone(),
            ))
            .map_err(|e| e.to_string())?;
            row_ends[row] = x + w as i32;
        }
    }
    if let Some(t) = hover {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(t, y0), (t, y1)],
                theme.ink.mix(0.6).stroke_width(1),
            )))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// How the latency chart reads its series.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LatencyView {
    /// Logarithmic y axis.
    pub log: bool,
    /// Successful requests only, instead of every finished one.
    pub ok_only: bool,
}

/// End-to-end latency p50/p95/p99 over time [ms], linear or logarithmic, of all requests or
/// of the successful ones; windows where more than 1 % of requests failed are shaded.
pub fn latency(
    canvas: &HtmlCanvasElement,
    pts: &[Point],
    marks: &[Mark],
    view: LatencyView,
    hover: Option<f64>,
    theme: &Theme,
    words: &Words,
) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let top = pts
        .iter()
        .map(|p| p.pcts(view.ok_only).p99)
        .fold(1.0_f64, f64::max)
        * 1.15;
    let lines = Lines {
        pts,
        ok_only: view.ok_only,
        marks,
        hover,
    };
    let mut entries: Vec<(String, RGBColor)> = [(P50, "p50"), (P95, "p95"), (P99, "p99")]
        .iter()
        .map(|(c, n)| (n.to_string(), *c))
        .collect();
    if pts.iter().any(Point::flagged) {
        entries.push((words.failing_windows.to_string(), theme.failing));
    }
    let mut builder = chart_builder(&root, top_margin(&root, &entries, theme)?);
    let frame = if view.log {
        let chart = builder
            .build_cartesian_2d(t0..t1, (0.1..top.max(1.0)).log_scale())
            .map_err(|e| e.to_string())?;
        latency_lines(
            chart,
            &lines,
            (0.1, top.max(1.0)),
            theme,
            (words.axis_ms_log, words),
        )?
    } else {
        let chart = builder
            .build_cartesian_2d(t0..t1, 0.0..top)
            .map_err(|e| e.to_string())?;
        latency_lines(chart, &lines, (0.0, top), theme, ("ms", words))?
    };
    legend(&root, &entries, theme)?;
    Ok(frame)
}

/// What the latency chart draws, whatever its y axis.
struct Lines<'a> {
    pts: &'a [Point],
    ok_only: bool,
    marks: &'a [Mark],
    hover: Option<f64>,
}

/// The latency chart's axes, failing windows, lines and fault markers, on a linear or log y
/// axis spanning `y_span`.
fn latency_lines<Y>(
    mut chart: ChartContext<ChartCanvas, Cartesian2d<RangedCoordf64, Y>>,
    lines: &Lines,
    (y0, y1): (f64, f64),
    theme: &Theme,
    (y_desc, words): (&str, &Words),
) -> Result<Frame, String>
where
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    let pts = lines.pts;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    draw_mesh(&mut chart, theme, y_desc, words)?;
    // Behind the lines: a falling line over a shaded band reads as requests failing, not as
    // the system getting faster.
    chart
        .draw_series(
            pts.iter()
                .filter(|p| p.flagged())
                .map(|p| Rectangle::new([(p.t0_s, y0), (p.t_s, y1)], theme.failing.filled())),
        )
        .map_err(|e| e.to_string())?;
    let colors = [P50, P95, P99];
    let pick = |p: &Point, i: usize| {
        let q = p.pcts(lines.ok_only);
        [q.p50, q.p95, q.p99][i]
    };
    for (i, color) in colors.iter().enumerate() {
        // A window in which nothing finished has no latency: the line breaks there rather
        // than dropping to 0 or bridging the gap.
        for run in runs(pts, |p| pick(p, i)) {
            chart
                .draw_series(LineSeries::new(run, color.stroke_width(2)))
                .map_err(|e| e.to_string())?;
        }
    }
    overlays(&mut chart, lines.marks, lines.hover, (y0, y1), theme)?;
    Ok(frame_of(&chart, t0, t1))
}

/// Every chart's margins [px]: `top` holds its legend rows.
pub(super) fn chart_builder(root: &Area, top: i32) -> ChartBuilder<'_, '_, ChartCanvas> {
    let mut b = ChartBuilder::on(root);
    b.margin(MARGIN_PX)
        .margin_top(top)
        .x_label_area_size(22)
        .y_label_area_size(Y_LABELS_PX);
    b
}

/// Grid, axes and labels of every chart: whole seconds below (in `words`' way of writing them:
/// "10s", "10초"), `y_desc` beside the values.
pub(super) fn draw_mesh<Y>(
    chart: &mut ChartContext<ChartCanvas, Cartesian2d<RangedCoordf64, Y>>,
    theme: &Theme,
    y_desc: &str,
    words: &Words,
) -> Result<(), String>
where
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    mesh(chart, theme, y_desc, &|t: &f64| {
        format!("{t:.0}{}", words.secs_unit)
    })
}

/// Grid, axes and labels, with the x axis labelled by `x_label`.
pub(super) fn mesh<Y>(
    chart: &mut ChartContext<ChartCanvas, Cartesian2d<RangedCoordf64, Y>>,
    theme: &Theme,
    y_desc: &str,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<(), String>
where
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>
        + plotters::coord::ranged1d::ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .light_line_style(theme.grid)
        .bold_line_style(theme.grid)
        .axis_style(theme.ink)
        .label_style(TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink))
        .y_desc(y_desc)
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(x_label)
        .y_label_formatter(&fmt_axis)
        .draw()
        .map_err(|e| e.to_string())
}

/// A row of swatches and names in the chart's top margin. Drawn by hand rather than with
/// plotters' series labels, which measure text through an inline-styled DOM element that the
/// page's CSP refuses; this measures with the canvas (see backend.rs).
pub(super) fn legend(
    root: &Area,
    entries: &[(String, RGBColor)],
    theme: &Theme,
) -> Result<(), String> {
    let style = legend_style(theme);
    for ((name, color), (x, y)) in entries.iter().zip(legend_layout(root, entries, &style)?) {
        root.draw(&Rectangle::new(
            [(x, y + 2), (x + 9, y + 11)],
            color.filled(),
        ))
        .map_err(|e| e.to_string())?;
        root.draw(&Text::new(name.clone(), (x + 13, y), style.clone()))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn legend_style(theme: &Theme) -> TextStyle<'_> {
    TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink)
}

/// Where each legend entry goes [px]: a row from the plot's left edge, wrapping at the
/// canvas's right edge.
fn legend_layout(
    root: &Area,
    entries: &[(String, RGBColor)],
    style: &TextStyle,
) -> Result<Vec<(i32, i32)>, String> {
    let (width, _) = root.dim_in_pixel();
    let (mut x, mut y) = (LEFT_PX, 2);
    let mut at = Vec::with_capacity(entries.len());
    for (name, _) in entries {
        let (w, _) = root
            .estimate_text_size(name, style)
            .map_err(|e| e.to_string())?;
        let w = w as i32;
        if x + 14 + w > width as i32 - 4 && x > LEFT_PX {
            (x, y) = (LEFT_PX, y + LEGEND_ROW_PX);
        }
        at.push((x, y));
        x += 13 + w + 12;
    }
    Ok(at)
}

/// The top margin that holds the legend's rows [px].
pub(super) fn top_margin(
    root: &Area,
    entries: &[(String, RGBColor)],
    theme: &Theme,
) -> Result<i32, String> {
    let last = legend_layout(root, entries, &legend_style(theme))?
        .last()
        .map_or(2, |p| p.1);
    Ok(TOP_PX + last - 2)
}

/// The stretches where a value is measured: the model's, so `scaleboard render` breaks its
/// lines where the app's do.
pub use super::series::runs;

/// One stacked layer of the throughput chart: its name, colour and top edge.
type Layer<'a> = (&'a str, RGBColor, fn(&Point) -> f64);

/// Throughput stacked by outcome: ok at the bottom, then each error cause [requests/s].
pub fn throughput(
    canvas: &HtmlCanvasElement,
    pts: &[Point],
    marks: &[Mark],
    hover: Option<f64>,
    theme: &Theme,
    words: &Words,
) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let top = pts
        .iter()
        .map(|p| p.ok + p.errors())
        .fold(1.0_f64, f64::max)
        * 1.15;
    let mut chart = chart_builder(&root, TOP_PX)
        .build_cartesian_2d(t0..t1, 0.0..top)
        .map_err(|e| e.to_string())?;
    draw_mesh(&mut chart, theme, words.axis_rps, words)?;
    // Cumulative layers, drawn from the top one down so each covers the part below it.
    let [ok, timeout, rejected, node_down, session_lost, throttled] = words.outcomes;
    let layers: [Layer; 6] = [
        (ok, OK, |p| p.ok),
        (timeout, TIMEOUT, |p| p.ok + p.timeout),
        (rejected, REJECTED, |p| p.ok + p.timeout + p.rejected),
        (node_down, NODE_DOWN, |p| {
            p.ok + p.timeout + p.rejected + p.node_down
        }),
        (session_lost, SESSION_LOST, |p| {
            p.ok + p.errors() - p.throttled
        }),
        (throttled, THROTTLED, |p| p.ok + p.errors()),
    ];
    for (_, color, top_of) in layers.iter().rev() {
        let color = *color;
        chart
            .draw_series(
                AreaSeries::new(pts.iter().map(|p| (p.t_s, top_of(p))), 0.0, color.mix(0.75))
                    .border_style(color),
            )
            .map_err(|e| e.to_string())?;
    }
    overlays(&mut chart, marks, hover, (0.0, top), theme)?;
    // "ok" always, error causes only once they happened: five names do not fit one row.
    let causes = [
        |p: &Point| p.timeout,
        |p: &Point| p.rejected,
        |p: &Point| p.node_down,
        |p: &Point| p.session_lost,
        |p: &Point| p.throttled,
    ];
    let entries: Vec<(String, RGBColor)> = layers
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || pts.iter().any(|p| causes[i - 1](p) > 0.0))
        .map(|(_, (n, c, _))| (n.to_string(), *c))
        .collect();
    legend(&root, &entries, theme)?;
    Ok(frame_of(&chart, t0, t1))
}

/// The selected node: utilisation and hit ratio [%] on the left axis, queue length as a line
/// scaled to the same area (its peak is named in the legend).
pub fn node(
    canvas: &HtmlCanvasElement,
    pts: &[NodePoint],
    marks: &[Mark],
    hover: Option<f64>,
    theme: &Theme,
    words: &Words,
) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let peak = pts.iter().map(|p| p.queue_len).fold(0.0_f64, f64::max);
    // A replica's lag, scaled like the queue: its peak names 100 %.
    let lag_peak = pts.iter().filter_map(|p| p.lag_ms).fold(0.0_f64, f64::max);
    let mut entries = vec![(words.util_pct.to_string(), UTIL)];
    if pts.iter().any(|p| p.hit_pct.is_some()) {
        entries.push((words.hit_ratio_pct.to_string(), HIT));
    }
    if peak > 0.0 {
        entries.push(((words.queue_peak)(peak), QUEUE));
    }
    if lag_peak > 0.0 {
        entries.push(((words.lag_peak)(lag_peak), LAG));
    }
    let mut chart = chart_builder(&root, top_margin(&root, &entries, theme)?)
        .build_cartesian_2d(t0..t1, 0.0..105.0)
        .map_err(|e| e.to_string())?;
    draw_mesh(&mut chart, theme, "%", words)?;
    chart
        .draw_series(LineSeries::new(
            pts.iter().map(|p| (p.t_s, p.utilization_pct)),
            UTIL.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?;
    if pts.iter().any(|p| p.hit_pct.is_some()) {
        chart
            .draw_series(LineSeries::new(
                pts.iter().filter_map(|p| Some((p.t_s, p.hit_pct?))),
                HIT.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
    }
    if peak > 0.0 {
        chart
            .draw_series(LineSeries::new(
                pts.iter().map(|p| (p.t_s, p.queue_len / peak * 100.0)),
                QUEUE.stroke_width(1),
            ))
            .map_err(|e| e.to_string())?;
    }
    if lag_peak > 0.0 {
        chart
            .draw_series(LineSeries::new(
                pts.iter()
                    .filter_map(|p| Some((p.t_s, p.lag_ms? / lag_peak * 100.0))),
                LAG.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
    }
    overlays(&mut chart, marks, hover, (0.0, 105.0), theme)?;
    legend(&root, &entries, theme)?;
    Ok(frame_of(&chart, t0, t1))
}
