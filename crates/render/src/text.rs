//! Text on a figure: sizes in CSS pixels, laid out by the model's width estimate.

use plotters::style::{FontStyle, IntoFont, RGBColor, TextStyle};

/// plotters writes `font-size` as the size it is given divided by 1.24 (its own point-to-pixel
/// factor): this gives text of `px` CSS pixels.
pub fn style(px: f64, bold: bool, color: &RGBColor) -> TextStyle<'static> {
    let font = ("sans-serif", plotters_size(px)).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    font.color(color)
}

/// The size to give plotters for text of `px` pixels: `px * 1.24`, nudged by the last bits so
/// that plotters' division gives `px` back exactly ("13", not "13.000000000000002" in the SVG).
fn plotters_size(px: f64) -> f64 {
    let mut f = px * 1.24;
    for _ in 0..8 {
        let back = f / 1.24;
        if back == px {
            break;
        }
        f = if back > px {
            f.next_down()
        } else {
            f.next_up()
        };
    }
    f
}

/// `s` with XML's special characters escaped, for text written outside plotters.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::plotters_size;

    #[test]
    fn sizes_come_back_whole_from_plotters_division() {
        for px in [11.0, 12.0, 13.0, 14.0, 20.0, 8.4, 10.92] {
            assert_eq!(plotters_size(px) / 1.24, px, "{px}");
        }
    }
}
