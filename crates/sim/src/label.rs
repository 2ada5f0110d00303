//! Fitting node names into the space a drawing gives them, without a browser: SVG text neither
//! wraps nor clips, and measuring it needs layout, so widths are estimated per character.

/// Estimated advance of one character of bold sans-serif text [em]: wide enough for the common
/// fonts (DejaVu, Segoe, Roboto), erring on the side of cutting early.
pub fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | '\'' | '|' | '!' | 'I' | ' ' | 'f' | 't' | 'r' => 0.36,
        'm' | 'w' | 'M' | 'W' => 0.95,
        c if c.is_ascii_uppercase() => 0.74,
        c if c.is_ascii() => 0.62,
        // CJK and other wide scripts (Korean names) take a full em.
        _ => 1.0,
    }
}

/// Estimated width of `s` at `font_px` [px].
pub fn width(s: &str, font_px: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * font_px
}

/// `name` if it fits in `max_px` at `font_px`, else its longest prefix that fits followed by "…".
pub fn fit_label(name: &str, max_px: f64, font_px: f64) -> String {
    if width(name, font_px) <= max_px {
        return name.to_string();
    }
    let budget = max_px - width("…", font_px);
    let mut used = 0.0;
    let mut out = String::new();
    for c in name.chars() {
        used += char_em(c) * font_px;
        if used > budget {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `name` broken at spaces into at most `max_lines` lines of at most `max_px` each at
/// `font_px`: a word too long for a line, or words left over, end in "…".
pub fn wrap_label(name: &str, max_px: f64, font_px: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut words = name.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let joined = lines
            .last()
            .map(|l| format!("{l} {word}"))
            .filter(|j| width(j, font_px) <= max_px);
        match joined {
            // The word fits after the current line's last one.
            Some(j) if !lines.is_empty() => {
                if let Some(last) = lines.last_mut() {
                    *last = j;
                }
            }
            _ if lines.len() < max_lines => lines.push(fit_label(word, max_px, font_px)),
            // No room for another line: what is left is cut on the last one.
            _ => {
                let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
                if let Some(last) = lines.last_mut() {
                    let all = format!("{last} {}", rest.join(" "));
                    *last = fit_label(&all, max_px, font_px);
                }
                break;
            }
        }
        if words.peek().is_none() {
            break;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_name_is_kept_and_a_long_one_cut_with_an_ellipsis() {
        assert_eq!(fit_label("DNS", 116.0, 14.0), "DNS");
        let cut = fit_label("Web server and database on one box", 116.0, 14.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(width(&cut, 14.0) <= 116.0, "{cut}");
    }

    #[test]
    fn names_wrap_at_spaces_onto_lines_that_fit() {
        // 44 px letters, 216 px a line: the presenter's names on step 11.
        let lines = wrap_label("Shard router US", 216.0, 44.0, 2);
        assert_eq!(lines, ["Shard", "router US"]);
        assert_eq!(wrap_label("Web US 1", 216.0, 40.0, 2), ["Web US 1"]);
        for l in wrap_label("Sessions US", 216.0, 44.0, 2) {
            assert!(width(&l, 44.0) <= 216.0, "{l}");
        }
    }

    #[test]
    fn what_does_not_fit_in_the_lines_allowed_is_cut() {
        let lines = wrap_label("one two three four five six", 120.0, 30.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 30.0) <= 120.0), "{lines:?}");
        // One word longer than a line is cut on its own.
        let long = wrap_label("Supercalifragilistic", 100.0, 20.0, 2);
        assert_eq!(long.len(), 1);
        assert!(long[0].ends_with('…'));
        assert!(wrap_label("", 100.0, 20.0, 2).is_empty());
    }

    #[test]
    fn korean_names_count_as_wide() {
        // Korean syllables are a full em each.
        assert_eq!(width("샤드", 10.0), 20.0);
        // The third word has no line left: the second is cut to make room for the ellipsis.
        assert_eq!(
            wrap_label("샤드 라우터 미국", 60.0, 20.0, 2),
            ["샤드", "라우…"]
        );
    }
}
