//! Charts drawn with plotters on a `<canvas>`: latency percentiles, throughput by outcome, and
//! the selected node. Plain functions of the series; every fault is a labelled vertical marker
//! and the hovered time a cursor line.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::series::{NodePoint, Point};

/// Colours of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub bg: RGBColor,
    pub ink: RGBColor,
    pub grid: RGBColor,
    pub marker: RGBColor,
}

pub const LIGHT: Theme = Theme {
    bg: RGBColor(255, 255, 255),
    ink: RGBColor(89, 99, 110),
    grid: RGBColor(230, 234, 239),
    marker: RGBColor(207, 34, 46),
};
pub const DARK: Theme = Theme {
    bg: RGBColor(21, 27, 35),
    ink: RGBColor(145, 152, 161),
    grid: RGBColor(42, 49, 60),
    marker: RGBColor(255, 123, 114),
};

/// Series colours, readable on both themes.
pub const P50: RGBColor = RGBColor(46, 160, 67);
pub const P95: RGBColor = RGBColor(210, 153, 34);
pub const P99: RGBColor = RGBColor(207, 34, 46);
pub const OK: RGBColor = RGBColor(46, 160, 67);
pub const TIMEOUT: RGBColor = RGBColor(210, 153, 34);
pub const REJECTED: RGBColor = RGBColor(207, 34, 46);
pub const NODE_DOWN: RGBColor = RGBColor(130, 80, 223);
pub const SESSION_LOST: RGBColor = RGBColor(219, 97, 162);
pub const UTIL: RGBColor = RGBColor(31, 111, 235);
pub const QUEUE: RGBColor = RGBColor(210, 153, 34);
pub const HIT: RGBColor = RGBColor(46, 160, 67);

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
fn time_range(first: Option<f64>, last: Option<f64>) -> (f64, f64) {
    let t1 = last.unwrap_or(10.0).max(10.0);
    let t0 = first.map(|f| (f - 1.0).max(0.0)).unwrap_or(0.0).min(t1 - 10.0).max(0.0);
    (t0, t1)
}

type Area = DrawingArea<CanvasBackend, plotters::coord::Shift>;

fn area(canvas: &HtmlCanvasElement, theme: &Theme) -> Result<Area, String> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2D context on the chart canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&theme.bg).map_err(|e| e.to_string())?;
    Ok(root)
}

fn frame_of<X, Y>(chart: &ChartContext<CanvasBackend, Cartesian2d<X, Y>>, t0: f64, t1: f64) -> Frame
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged,
{
    let (xs, _) = chart.plotting_area().get_pixel_range();
    Frame { left: f64::from(xs.start), right: f64::from(xs.end), t0, t1 }
}

/// Vertical markers for faults and the hover cursor, over a chart whose y spans `y0..y1`.
fn overlays<X, Y>(
    chart: &mut ChartContext<CanvasBackend, Cartesian2d<X, Y>>,
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
    for (t, label) in marks {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(*t, y0), (*t, y1)], theme.marker.stroke_width(1))))
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(std::iter::once(Text::new(label.clone(), (*t, y1), label_style.clone())))
            .map_err(|e| e.to_string())?;
    }
    if let Some(t) = hover {
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(t, y0), (t, y1)], theme.ink.mix(0.6).stroke_width(1))))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// End-to-end latency p50/p95/p99 over time [ms], linear or logarithmic.
pub fn latency(canvas: &HtmlCanvasElement, pts: &[Point], marks: &[Mark], log: bool, hover: Option<f64>, theme: &Theme) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let top = pts.iter().map(|p| p.p99).fold(1.0_f64, f64::max) * 1.15;
    let mut builder = ChartBuilder::on(&root);
    builder.margin(8).margin_top(16).x_label_area_size(22).y_label_area_size(48);
    let text = TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink);
    let series = [(P50, "p50"), (P95, "p95"), (P99, "p99")];
    let pick = |p: &Point, i: usize| [p.p50, p.p95, p.p99][i];
    if log {
        let mut chart = builder.build_cartesian_2d(t0..t1, (0.1..top.max(1.0)).log_scale()).map_err(|e| e.to_string())?;
        chart.configure_mesh().light_line_style(theme.grid).bold_line_style(theme.grid).axis_style(theme.ink)
            .label_style(text.clone()).y_desc("ms (log)").x_labels(6).y_labels(5).draw().map_err(|e| e.to_string())?;
        for (i, (color, name)) in series.iter().enumerate() {
            chart.draw_series(LineSeries::new(pts.iter().filter(|p| pick(p, i) > 0.0).map(|p| (p.t_s, pick(p, i))), color.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(*name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], color.stroke_width(2)));
        }
        overlays(&mut chart, marks, hover, (0.1, top.max(1.0)), theme)?;
        legend(&mut chart, theme)?;
        Ok(frame_of(&chart, t0, t1))
    } else {
        let mut chart = builder.build_cartesian_2d(t0..t1, 0.0..top).map_err(|e| e.to_string())?;
        chart.configure_mesh().light_line_style(theme.grid).bold_line_style(theme.grid).axis_style(theme.ink)
            .label_style(text.clone()).y_desc("ms").x_labels(6).y_labels(5).draw().map_err(|e| e.to_string())?;
        for (i, (color, name)) in series.iter().enumerate() {
            chart.draw_series(LineSeries::new(pts.iter().map(|p| (p.t_s, pick(p, i))), color.stroke_width(2)))
                .map_err(|e| e.to_string())?
                .label(*name)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], color.stroke_width(2)));
        }
        overlays(&mut chart, marks, hover, (0.0, top), theme)?;
        legend(&mut chart, theme)?;
        Ok(frame_of(&chart, t0, t1))
    }
}

fn legend<X, Y>(chart: &mut ChartContext<CanvasBackend, Cartesian2d<X, Y>>, theme: &Theme) -> Result<(), String>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(theme.bg.mix(0.8))
        .border_style(theme.grid)
        .label_font(TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink))
        .draw()
        .map_err(|e| e.to_string())
}

/// Throughput stacked by outcome: ok at the bottom, then each error cause [requests/s].
pub fn throughput(canvas: &HtmlCanvasElement, pts: &[Point], marks: &[Mark], hover: Option<f64>, theme: &Theme) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let top = pts.iter().map(|p| p.ok + p.errors()).fold(1.0_f64, f64::max) * 1.15;
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .margin_top(16)
        .x_label_area_size(22)
        .y_label_area_size(48)
        .build_cartesian_2d(t0..t1, 0.0..top)
        .map_err(|e| e.to_string())?;
    chart.configure_mesh().light_line_style(theme.grid).bold_line_style(theme.grid).axis_style(theme.ink)
        .label_style(TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink))
        .y_desc("requests/s").x_labels(6).y_labels(5).draw().map_err(|e| e.to_string())?;
    // Cumulative layers, drawn from the top one down so each covers the part below it.
    let layers: [(&str, RGBColor, fn(&Point) -> f64); 5] = [
        ("ok", OK, |p| p.ok),
        ("timeout", TIMEOUT, |p| p.ok + p.timeout),
        ("rejected (503)", REJECTED, |p| p.ok + p.timeout + p.rejected),
        ("node down", NODE_DOWN, |p| p.ok + p.timeout + p.rejected + p.node_down),
        ("session lost", SESSION_LOST, |p| p.ok + p.errors()),
    ];
    for (name, color, top_of) in layers.iter().rev() {
        let color = *color;
        chart
            .draw_series(AreaSeries::new(pts.iter().map(|p| (p.t_s, top_of(p))), 0.0, color.mix(0.75)).border_style(color))
            .map_err(|e| e.to_string())?
            .label(*name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    overlays(&mut chart, marks, hover, (0.0, top), theme)?;
    legend(&mut chart, theme)?;
    Ok(frame_of(&chart, t0, t1))
}

/// The selected node: utilisation and hit ratio [%] on the left axis, queue length as a line
/// scaled to the same area (its peak is named in the legend).
pub fn node(canvas: &HtmlCanvasElement, pts: &[NodePoint], marks: &[Mark], hover: Option<f64>, theme: &Theme) -> Result<Frame, String> {
    let root = area(canvas, theme)?;
    let (t0, t1) = time_range(pts.first().map(|p| p.t_s), pts.last().map(|p| p.t_s));
    let mut chart = ChartBuilder::on(&root)
        .margin(8)
        .margin_top(16)
        .x_label_area_size(22)
        .y_label_area_size(48)
        .build_cartesian_2d(t0..t1, 0.0..105.0)
        .map_err(|e| e.to_string())?;
    chart.configure_mesh().light_line_style(theme.grid).bold_line_style(theme.grid).axis_style(theme.ink)
        .label_style(TextStyle::from(("sans-serif", 11).into_font()).color(&theme.ink))
        .y_desc("%").x_labels(6).y_labels(5).draw().map_err(|e| e.to_string())?;
    chart
        .draw_series(LineSeries::new(pts.iter().map(|p| (p.t_s, p.utilization_pct)), UTIL.stroke_width(2)))
        .map_err(|e| e.to_string())?
        .label("utilisation %")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], UTIL.stroke_width(2)));
    if pts.iter().any(|p| p.hit_pct.is_some()) {
        chart
            .draw_series(LineSeries::new(pts.iter().filter_map(|p| Some((p.t_s, p.hit_pct?))), HIT.stroke_width(2)))
            .map_err(|e| e.to_string())?
            .label("hit ratio %")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], HIT.stroke_width(2)));
    }
    let peak = pts.iter().map(|p| p.queue_len).fold(0.0_f64, f64::max);
    if peak > 0.0 {
        chart
            .draw_series(LineSeries::new(pts.iter().map(|p| (p.t_s, p.queue_len / peak * 100.0)), QUEUE.stroke_width(1)))
            .map_err(|e| e.to_string())?
            .label(format!("queue (100 % = {peak:.0} waiting)"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], QUEUE.stroke_width(1)));
    }
    overlays(&mut chart, marks, hover, (0.0, 105.0), theme)?;
    legend(&mut chart, theme)?;
    Ok(frame_of(&chart, t0, t1))
}
