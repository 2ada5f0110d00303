//! Result links: `#challenge=ID&seed=N&v=VALUES&d=DESIGN`, the design written as a share link
//! writes it (`share::encode`) and the values as the model writes them
//! (`challenge::values_text`). Opening one grades the design again; nothing reaches a server.
//! A link that cannot be read says why, in a sentence, and nothing of it is opened.

use scaleboard_sim::challenge::{self, parse_values};
use scaleboard_sim::Scenario;

use crate::i18n::Text;

/// The fragment's first key.
pub const KEY: &str = "challenge=";

/// What a result link claims: this challenge, graded with this seed, measured these values.
#[derive(Clone, Debug, PartialEq)]
pub struct Linked {
    pub challenge: String,
    pub seed: u64,
    pub values: Vec<Option<f64>>,
}

/// The link to a grade of `design` for challenge `id` with `seed`, which measured `values`.
pub fn make(id: &str, seed: u64, values: &[Option<f64>], design: &Scenario) -> String {
    format!(
        "{}#{KEY}{id}&seed={seed}&v={}&d={}",
        crate::filebar::base_url(),
        challenge::values_text(values),
        crate::share::encode(design)
    )
}

/// The result link in a location hash, if the hash is one: what it claims and the design, or
/// why it cannot be opened (in `t`'s language; the model's own sentences stay English).
pub fn parse(hash: &str, t: &Text) -> Option<Result<(Linked, Scenario), String>> {
    let rest = hash.strip_prefix('#').unwrap_or(hash).strip_prefix(KEY)?;
    let mut parts = rest.split('&');
    let id = parts.next().unwrap_or_default().to_string();
    let (mut seed, mut values, mut design) = (None, None, None);
    for part in parts {
        if let Some(v) = part.strip_prefix("seed=") {
            seed = Some(v);
        } else if let Some(v) = part.strip_prefix("v=") {
            values = Some(v);
        } else if let Some(v) = part.strip_prefix("d=") {
            design = Some(v);
        }
    }
    Some((|| {
        let c = super::challenges::find(&id).ok_or_else(|| (t.ch_unknown)(&id))?;
        let seed: u64 = seed
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| t.ch_bad_number.to_string())?;
        let values = parse_values(values.unwrap_or_default())?;
        challenge::compare_values(&values, &vec![None; c.objectives.len()])?;
        let design =
            crate::share::decode(design.unwrap_or_default(), t).map_err(|(title, lines)| {
                match lines.first() {
                    Some(first) => format!("{title} ({first})"),
                    None => title,
                }
            })?;
        Ok((
            Linked {
                challenge: id.clone(),
                seed,
                values,
            },
            design,
        ))
    })())
}
