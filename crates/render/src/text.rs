//! Text on a figure: sizes in CSS pixels, laid out by the model's width estimate.

use plotters::style::{FontStyle, IntoFont, RGBColor, TextStyle};

/// plotters writes `font-size` as the size it is given divided by 1.24 (its own point-to-pixel
/// factor): this gives text of `px` CSS pixels, give or take the last bits of a float, which
/// [`tidy_font_sizes`] takes off.
pub fn style(px: f64, bold: bool, color: &RGBColor) -> TextStyle<'static> {
    let font = ("sans-serif", px * 1.24).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    font.color(color)
}

/// `s` with XML's special characters escaped, for text written outside plotters.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `svg` with every `font-size` rounded to 0.01 px: plotters' division leaves sizes such as
/// "13.000000000000002", which only cost bytes.
pub fn tidy_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(px) => out.push_str(&format!("{}", (px * 100.0).round() / 100.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::tidy_font_sizes;

    #[test]
    fn font_sizes_lose_the_float_noise_and_nothing_else() {
        let svg =
            r#"<text font-size="13.000000000000002" x="1">a</text><text font-size="8.4">b</text>"#;
        assert_eq!(
            tidy_font_sizes(svg),
            r#"<text font-size="13" x="1">a</text><text font-size="8.4">b</text>"#
        );
        assert_eq!(tidy_font_sizes("no text"), "no text");
    }
}
