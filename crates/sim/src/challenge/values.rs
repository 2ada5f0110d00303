//! The measured values as a result link carries them (`v=` in the app's link), read back, and
//! set against a new run's: the engine is deterministic, so "reproduces" means bit for bit.
//!
//! Each value is written in the shortest decimal that reads back as the very same number
//! (Rust's `Display` for `f64`), values are separated by commas, and `-` stands for a value
//! that has none (an unlimited capacity).

/// `values` as a link's text: `812.5,0.31,-`.
pub fn values_text(values: &[Option<f64>]) -> String {
    values
        .iter()
        .map(|v| v.map_or_else(|| "-".to_string(), |v| format!("{v}")))
        .collect::<Vec<_>>()
        .join(",")
}

/// The values in a link's text, or what is wrong with it, in a sentence.
pub fn parse_values(text: &str) -> Result<Vec<Option<f64>>, String> {
    if text.is_empty() {
        return Err("it carries no measured values".to_string());
    }
    text.split(',')
        .enumerate()
        .map(|(i, part)| match part {
            "-" => Ok(None),
            _ => match part.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Some(v)),
                _ => Err(format!(
                    "measured value {} (\"{}\") is not a number",
                    i + 1,
                    part.chars().take(24).collect::<String>()
                )),
            },
        })
        .collect()
}

/// One linked value beside the value measured now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueCheck {
    pub linked: Option<f64>,
    pub measured: Option<f64>,
    /// The very same number (or both none).
    pub same: bool,
}

/// The linked values against those measured now, objective by objective; an error when they
/// cannot be paired (the link was made for a challenge with another number of objectives).
pub fn compare_values(
    linked: &[Option<f64>],
    measured: &[Option<f64>],
) -> Result<Vec<ValueCheck>, String> {
    if linked.len() != measured.len() {
        return Err(format!(
            "it carries {} measured values and the challenge has {} objectives",
            linked.len(),
            measured.len()
        ));
    }
    Ok(linked
        .iter()
        .zip(measured)
        .map(|(&linked, &measured)| ValueCheck {
            linked,
            measured,
            same: match (linked, measured) {
                (Some(a), Some(b)) => a.to_bits() == b.to_bits(),
                (None, None) => true,
                _ => false,
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_bit_for_bit() {
        let v = vec![
            Some(812.5),
            Some(0.1 + 0.2),
            Some(1.0 / 3.0),
            None,
            Some(0.0),
            Some(123_456.789_012_345_6),
        ];
        let text = values_text(&v);
        assert_eq!(parse_values(&text), Ok(v.clone()));
        assert!(compare_values(&v, &v)
            .expect("same length")
            .iter()
            .all(|c| c.same));
    }

    #[test]
    fn a_damaged_list_says_which_value() {
        assert_eq!(
            parse_values("1,abc,3"),
            Err("measured value 2 (\"abc\") is not a number".to_string())
        );
        assert!(parse_values("").is_err());
        assert!(parse_values("1,inf").is_err());
        assert!(compare_values(&[Some(1.0)], &[Some(1.0), None]).is_err());
        let c = compare_values(&[Some(1.0), None], &[Some(1.0000000000000002), None])
            .expect("same length");
        assert!(!c[0].same && c[1].same);
    }
}
