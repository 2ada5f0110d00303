//! Where a message next to the pointer goes (a refused wire's reason): wrapped into lines that fit
//! the canvas, beside the pointer, and moved to its other side near an edge, so the whole
//! sentence stays readable wherever the pointer is.

use super::geometry::{Point, Rect};

/// Font size of the notice text [px]; must match `.notice text` in static/style.css.
pub const NOTICE_FONT_PX: f64 = 13.0;
/// Height of one line of notice text [px].
pub const NOTICE_LINE_PX: f64 = 18.0;
/// Padding inside the box [px].
pub const NOTICE_PAD_PX: f64 = 10.0;
/// Gap between the pointer and the box [px].
const GAP_PX: f64 = 14.0;
/// Margin kept from the canvas edges [px].
const EDGE_PX: f64 = 8.0;
/// The widest a notice gets, however wide the canvas [px]: about 60 characters a line.
const MAX_W_PX: f64 = 440.0;

/// A notice laid out on the canvas [px, screen].
#[derive(Clone, Debug, PartialEq)]
pub struct NoticeBox {
    /// The box, padding included.
    pub rect: Rect,
    /// The text, one entry a line, every word kept.
    pub lines: Vec<String>,
}

/// Rough advance of `c` in the notice's bold 13 px font [px]: Hangul and CJK are about twice as
/// wide as Latin letters.
fn advance(c: char) -> f64 {
    if ('\u{1100}'..='\u{11FF}').contains(&c)
        || ('\u{2E80}'..='\u{9FFF}').contains(&c)
        || ('\u{AC00}'..='\u{D7AF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
    {
        NOTICE_FONT_PX
    } else {
        NOTICE_FONT_PX * 0.56
    }
}

/// Width of `text` on one line [px].
pub fn text_width(text: &str) -> f64 {
    text.chars().map(advance).sum()
}

/// Splits `text` into lines no wider than `max_px`, between words; a single word wider than
/// that gets a line of its own.
pub fn wrap(text: &str, max_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate) > max_px {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays `text` out next to `pointer` inside a canvas of `view` (width, height) [px]: right of and
/// below the pointer when it fits, else on the other side, never past an edge.
pub fn layout(text: &str, pointer: Point, view: (f64, f64)) -> NoticeBox {
    let (vw, vh) = view;
    let max_text = (vw - 2.0 * EDGE_PX).min(MAX_W_PX) - 2.0 * NOTICE_PAD_PX;
    let lines = wrap(text, max_text.max(80.0));
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    let w = widest + 2.0 * NOTICE_PAD_PX;
    let h = lines.len() as f64 * NOTICE_LINE_PX + NOTICE_PAD_PX;
    let place = |at: f64, size: f64, room: f64| {
        if at + GAP_PX + size <= room - EDGE_PX {
            at + GAP_PX
        } else if at - GAP_PX - size >= EDGE_PX {
            at - GAP_PX - size
        } else {
            (room - EDGE_PX - size).max(EDGE_PX)
        }
    };
    NoticeBox {
        rect: Rect::new(place(pointer.x, w, vw), place(pointer.y, h, vh), w, h),
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "a database -> database wire is replication and must go from a primary \
                        to a replica: set the second database's role to replica first";

    fn inside(b: &NoticeBox, view: (f64, f64)) -> bool {
        b.rect.x >= 0.0
            && b.rect.y >= 0.0
            && b.rect.x + b.rect.w <= view.0
            && b.rect.y + b.rect.h <= view.1
    }

    #[test]
    fn every_word_is_kept_in_order() {
        let lines = wrap(LONG, 200.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(
            lines.join(" "),
            LONG.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for l in &lines {
            assert!(text_width(l) <= 200.0 || !l.contains(' '), "{l}");
        }
    }

    #[test]
    fn the_box_stays_on_the_canvas_wherever_the_pointer_is() {
        let view = (700.0, 420.0);
        for x in [0.0, 10.0, 350.0, 690.0, 700.0] {
            for y in [0.0, 200.0, 415.0] {
                let b = layout(LONG, Point::new(x, y), view);
                assert!(inside(&b, view), "pointer ({x}, {y}): {b:?}");
            }
        }
    }

    #[test]
    fn it_sits_right_of_the_pointer_when_there_is_room_and_left_near_the_right_edge() {
        let view = (1000.0, 600.0);
        let b = layout(
            "users cannot send requests to a cache",
            Point::new(100.0, 100.0),
            view,
        );
        assert!(b.rect.x > 100.0 && b.rect.y > 100.0, "{b:?}");
        assert_eq!(b.lines.len(), 1);
        let b = layout(
            "users cannot send requests to a cache",
            Point::new(990.0, 590.0),
            view,
        );
        assert!(
            b.rect.x + b.rect.w < 990.0 && b.rect.y + b.rect.h < 590.0,
            "{b:?}"
        );
    }

    #[test]
    fn korean_is_measured_wider_than_latin() {
        assert!(text_width("데이터베이스") > text_width("database"));
    }
}
