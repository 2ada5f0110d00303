//! Colours of a figure: the app's light theme (static/style.css, src/run/charts.rs), so a figure
//! reads like the page it stands in for.

use plotters::style::RGBColor;
use scaleboard_sim::series::colour;

pub const BG: RGBColor = RGBColor(255, 255, 255);
/// Text and axes.
pub const INK: RGBColor = RGBColor(31, 35, 40);
/// Secondary text: captions, a node's kind line, axis labels.
pub const MUTED: RGBColor = RGBColor(89, 99, 110);
pub const GRID: RGBColor = RGBColor(230, 234, 239);
pub const WIRE: RGBColor = RGBColor(110, 119, 129);
pub const NODE_STROKE: RGBColor = RGBColor(140, 149, 159);
/// Data-center frames and their names; the frame's fill is this at 5 % opacity.
pub const DC: RGBColor = RGBColor(31, 111, 235);
/// A node that is down, and its label.
pub const BAD: RGBColor = RGBColor(207, 34, 46);
pub const BAD_BG: RGBColor = RGBColor(255, 235, 233);
/// Behind the latency of windows where more than 1 % of requests failed.
pub const FAILING: RGBColor = RGBColor(252, 222, 224);

/// Node fill by utilisation bucket, calm to saturated: `--heat-0` .. `--heat-5`.
pub const HEAT: [RGBColor; 6] = [
    RGBColor(234, 246, 236),
    RGBColor(211, 239, 214),
    RGBColor(251, 241, 199),
    RGBColor(255, 223, 158),
    RGBColor(255, 191, 153),
    RGBColor(255, 143, 143),
];
/// What each heat bucket means, for the legend [% utilisation].
pub const HEAT_NAMES: [&str; 6] = [
    "under 20 %",
    "20-40 %",
    "40-60 %",
    "60-80 %",
    "80-95 %",
    "95 % and more",
];

/// The heat bucket of a utilisation (0..1), as the app's canvas buckets it
/// (`live_view::heat_class`): 0-20, 20-40, 40-60, 60-80, 80-95, 95+ %.
pub fn heat(utilization: f64) -> usize {
    let u = if utilization.is_finite() {
        utilization.clamp(0.0, 1.0)
    } else {
        0.0
    };
    if u >= 0.95 {
        5
    } else {
        ((u / 0.2) as usize).min(4)
    }
}

/// Latency series, as the app's charts colour them.
pub const P50: RGBColor = rgb(colour::P50);
pub const P95: RGBColor = rgb(colour::P95);
pub const P99: RGBColor = rgb(colour::P99);
/// Throughput layers by outcome.
pub const OK: RGBColor = rgb(colour::OK);
pub const TIMEOUT: RGBColor = rgb(colour::TIMEOUT);
pub const REJECTED: RGBColor = rgb(colour::REJECTED);
pub const NODE_DOWN: RGBColor = rgb(colour::NODE_DOWN);
pub const SESSION_LOST: RGBColor = rgb(colour::SESSION_LOST);
pub const THROTTLED: RGBColor = rgb(colour::THROTTLED);

const fn rgb((r, g, b): colour::Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::heat;

    #[test]
    fn utilisation_falls_in_the_app_s_buckets() {
        assert_eq!(heat(0.0), 0);
        assert_eq!(heat(0.19), 0);
        assert_eq!(heat(0.2), 1);
        assert_eq!(heat(0.81), 4);
        assert_eq!(heat(0.949), 4);
        assert_eq!(heat(0.95), 5);
        assert_eq!(heat(f64::NAN), 0);
        assert_eq!(heat(7.0), 5);
    }
}
