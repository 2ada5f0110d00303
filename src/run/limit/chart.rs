//! The hockey stick: p99 against offered load for one design, or A and B of a comparison
//! (B dashed), with the objective as a horizontal line, today's rate and `max_rate` as
//! vertical ones. Points that miss the objective are hollow; the blade past the top of the
//! chart is drawn at its edge, so the knee stays readable.

use plotters::prelude::*;
use scaleboard_sim::sweep::Point;
use web_sys::HtmlCanvasElement;

use super::super::charts::{area, chart_builder, legend, mesh, top_margin, Theme, P99, UTIL};
use super::words::Words;

/// Dash and gap of design B's line [px], as the compare view's charts.
const DASH_PX: u32 = 6;
const GAP_PX: u32 = 4;
/// The chart shows p99 up to this many times the objective: far enough to see the blade
/// rise, near enough that the flat part is not squashed against the axis.
const TOP_TIMES_OBJECTIVE: f64 = 3.0;

/// One design's curve.
pub struct Curve<'a> {
    /// Its legend name: "p99", or "p99 A" / "p99 B".
    pub name: String,
    /// What its marks are suffixed with: "", or " A" / " B".
    pub suffix: &'a str,
    /// Points by offered rate.
    pub points: &'a [Point],
    pub max_rate: Option<f64>,
    pub today_rps: f64,
}

/// Draws `curves` against `objective_ms` [ms]. The first curve is solid, the second dashed.
pub fn draw(
    canvas: &HtmlCanvasElement,
    curves: &[Curve],
    objective_ms: f64,
    theme: &Theme,
    w: &Words,
) -> Result<(), String> {
    let root = area(canvas, theme)?;
    let colours = [P99, UTIL];
    let entries: Vec<(String, RGBColor)> = curves
        .iter()
        .zip(colours)
        .map(|(c, colour)| (c.name.clone(), colour))
        .chain([(
            format!("{} p99 ≤ {objective_ms} ms", w.mark_objective),
            theme.ink,
        )])
        .collect();
    let top = top_margin(&root, &entries, theme)?;
    let all = || curves.iter().flat_map(|c| c.points.iter());
    let x1 = all()
        .map(|p| p.offered_rps)
        .chain(curves.iter().map(|c| c.today_rps))
        .fold(1.0_f64, f64::max)
        * 1.05;
    let y1 = all()
        .map(|p| p.p99_ms)
        .fold(0.0_f64, f64::max)
        .min(objective_ms * TOP_TIMES_OBJECTIVE)
        .max(objective_ms * 1.3);
    let mut chart = chart_builder(&root, top)
        .build_cartesian_2d(0.0..x1, 0.0..y1)
        .map_err(|e| e.to_string())?;
    mesh(&mut chart, theme, "p99 [ms]", &|v: &f64| {
        scaleboard_sim::series::axis_label(*v)
    })?;
    // The objective, across.
    chart
        .draw_series(DashedLineSeries::new(
            [(0.0, objective_ms), (x1, objective_ms)],
            DASH_PX,
            GAP_PX,
            theme.ink.stroke_width(1),
        ))
        .map_err(|e| e.to_string())?;
    let label_style = TextStyle::from(("sans-serif", 11).into_font());
    for (i, (c, colour)) in curves.iter().zip(colours).enumerate() {
        let at = |p: &Point| (p.offered_rps, p.p99_ms.min(y1));
        let line: Vec<(f64, f64)> = c.points.iter().map(at).collect();
        let stroke = colour.stroke_width(2);
        if i == 0 {
            chart.draw_series(LineSeries::new(line, stroke))
        } else {
            chart.draw_series(DashedLineSeries::new(line, DASH_PX, GAP_PX, stroke))
        }
        .map_err(|e| e.to_string())?;
        chart
            .draw_series(c.points.iter().map(|p| {
                let style = if p.meets {
                    colour.filled()
                } else {
                    colour.stroke_width(2)
                };
                Circle::new(at(p), 3, style)
            }))
            .map_err(|e| e.to_string())?;
        // Today's rate and max_rate, upright, labelled at the top on rows of their own (B's
        // below A's), so close ones do not overlap.
        let mut vertical = |x: f64, text: String, ink: RGBColor, row: i32| -> Result<(), String> {
            chart
                .draw_series(DashedLineSeries::new(
                    [(x, 0.0), (x, y1)],
                    2,
                    3,
                    ink.stroke_width(1),
                ))
                .map_err(|e| e.to_string())?;
            let (px, _) = chart.backend_coord(&(x, y1));
            let (xs, _) = chart.plotting_area().get_pixel_range();
            let plot = chart.plotting_area().strip_coord_spec();
            let style = label_style.color(&ink);
            let (tw, _) = plot
                .estimate_text_size(&text, &style)
                .map_err(|e| e.to_string())?;
            let (pw, _) = plot.dim_in_pixel();
            let x = (px - xs.start + 3).min(pw as i32 - tw as i32 - 2).max(0);
            plot.draw(&Text::new(text, (x, 2 + 13 * row), style))
                .map_err(|e| e.to_string())
        };
        let row = 2 * i as i32;
        vertical(
            c.today_rps,
            format!("{}{}", w.mark_today, c.suffix),
            theme.ink,
            row,
        )?;
        if let Some(m) = c.max_rate {
            vertical(m, format!("{}{}", w.mark_max, c.suffix), colour, row + 1)?;
        }
    }
    legend(&root, &entries, theme)?;
    Ok(())
}
