//! A whole figure: the scenario's name and a caption (duration and seed), then the diagram
//! with its legend, then the charts, stacked, each the figure's full width.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use scaleboard_sim::Scenario;

use crate::charts::{self, CHART_H};
use crate::diagram::{self, Fit, LEGEND_H};
use crate::palette::{BG, INK, MUTED};
use crate::text::style;
use crate::{Options, Run};

/// Width of a figure whose diagram fits it [px]; a wider design widens the figure rather than
/// shrink its names below `diagram::MIN_SCALE`.
pub const WIDTH_PX: u32 = 1040;
/// Margin around everything [px].
const MARGIN_PX: u32 = 16;
/// The title and caption rows [px].
const HEADER_H: u32 = 58;

/// The figure's size and where its parts go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    /// Size of the whole figure [px].
    pub width: u32,
    pub height: u32,
    /// The diagram's placement, when the figure has one.
    pub diagram: Option<Fit>,
}

/// Where the parts of `s`'s figure go, for the options `o`.
pub fn plan(s: &Scenario, o: &Options) -> Plan {
    let inner = f64::from(WIDTH_PX - 2 * MARGIN_PX);
    let fit = o
        .diagram
        .then(|| Fit::of(s, Fit::scale_for(s, inner)))
        .flatten();
    let (dw, dh) = fit.map_or((0, 0), |f| f.size());
    let width = WIDTH_PX.max(dw + 2 * MARGIN_PX);
    let charts = u32::from(o.charts.latency()) + u32::from(o.charts.throughput());
    let height = HEADER_H + fit.map_or(0, |_| dh + LEGEND_H) + charts * CHART_H + MARGIN_PX;
    Plan {
        width,
        height,
        diagram: fit,
    }
}

/// The line under the title, which also names the SVG (`<title>`): what was run and how.
pub fn caption(s: &Scenario, o: &Options) -> String {
    let secs = o.duration_ms / 1000.0;
    format!(
        "{}: {secs} s of simulated time with seed {}, drawn by scaleboard render",
        s.name, o.seed
    )
}

/// Draws the figure of `s` after the run `r` on `root`, laid out by [`plan`]. Generic over the
/// backend: the SVG one here, a canvas one in a browser.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Scenario,
    r: &Run,
    o: &Options,
) -> Result<(), String> {
    let p = plan(s, o);
    root.fill(&BG).map_err(|e| e.to_string())?;
    let top = Pos::new(HPos::Left, VPos::Top);
    let m = MARGIN_PX as i32;
    root.draw(&Text::new(
        s.name.clone(),
        (m, 12),
        style(20.0, true, &INK).pos(top),
    ))
    .map_err(|e| e.to_string())?;
    let secs = o.duration_ms / 1000.0;
    root.draw(&Text::new(
        format!(
            "{secs} s of simulated time, seed {}; every run with this seed is the same",
            o.seed
        ),
        (m, 38),
        style(13.0, false, &MUTED).pos(top),
    ))
    .map_err(|e| e.to_string())?;
    let (_, rest) = root.split_vertically(HEADER_H);
    let rest = rest.margin(0, MARGIN_PX, MARGIN_PX, MARGIN_PX);
    let rest = match p.diagram {
        Some(fit) => {
            let (dw, dh) = fit.size();
            let (band, rest) = rest.split_vertically(dh + LEGEND_H);
            let (picture, legend) = band.split_vertically(dh);
            // Centred when the design is narrower than the figure.
            let inset = (p.width - 2 * MARGIN_PX).saturating_sub(dw) / 2;
            let picture = picture.margin(0, 0, inset, 0);
            diagram::draw(&picture, s, &r.snapshot, &fit)?;
            diagram::legend(&legend, inset as i32)?;
            rest
        }
        None => rest,
    };
    let t1 = o.duration_ms / 1000.0;
    let marks = crate::marks::marks(s, t1);
    let mut rest = rest;
    if o.charts.latency() {
        let (area, below) = rest.split_vertically(CHART_H);
        charts::latency(&area, &r.points, &marks, t1)?;
        rest = below;
    }
    if o.charts.throughput() {
        let (area, _) = rest.split_vertically(CHART_H);
        charts::throughput(&area, &r.points, &marks, t1)?;
    }
    Ok(())
}
