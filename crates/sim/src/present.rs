//! Presenter mode's rules that need no browser: which key does what (also from a presentation
//! clicker, which sends PageUp and PageDown), and how large node names are drawn so the back of
//! a room can read them.

use crate::edit::Mods;

/// What a presenter's key asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PresenterKey {
    /// P: enter presenter mode, or leave it.
    Toggle,
    /// Escape: leave presenter mode.
    Leave,
    /// Space: play or pause the run.
    PlayPause,
    /// Left or PageUp: the journey's previous step.
    Previous,
    /// Right or PageDown: the journey's next step.
    Next,
    /// F: fail the selected node (or take the selected data center out).
    Fail,
    /// R: recover the selected node (or bring the data center back).
    Recover,
    /// D: run the current lesson's drill.
    Drill,
    /// S: a traffic spike.
    Spike,
}

/// Every presenter key in the order the help overlay lists them, with the keys as shown there.
pub const PRESENTER_KEYS: &[(&str, PresenterKey)] = &[
    ("P", PresenterKey::Toggle),
    ("Space", PresenterKey::PlayPause),
    ("← / PageUp", PresenterKey::Previous),
    ("→ / PageDown", PresenterKey::Next),
    ("F", PresenterKey::Fail),
    ("R", PresenterKey::Recover),
    ("D", PresenterKey::Drill),
    ("S", PresenterKey::Spike),
    ("Esc", PresenterKey::Leave),
];

/// The presenter action of a key press (`KeyboardEvent.key`), if any. Only P works outside
/// presenter mode: there Space pans, the arrows move the selection and Escape clears it, and
/// single letters should not change a run by accident. Ctrl, Cmd and Alt keep their own
/// meanings (Ctrl+P prints, Ctrl+D duplicates), so no presenter key takes them.
pub fn presenter_key(key: &str, mods: Mods, presenting: bool) -> Option<PresenterKey> {
    if mods.ctrl || mods.meta || mods.alt {
        return None;
    }
    let k = if key.chars().count() == 1 {
        key.to_ascii_lowercase()
    } else {
        key.to_string()
    };
    if k == "p" {
        return Some(PresenterKey::Toggle);
    }
    if !presenting {
        return None;
    }
    Some(match k.as_str() {
        "Escape" => PresenterKey::Leave,
        " " => PresenterKey::PlayPause,
        "ArrowLeft" | "PageUp" => PresenterKey::Previous,
        "ArrowRight" | "PageDown" => PresenterKey::Next,
        "f" => PresenterKey::Fail,
        "r" => PresenterKey::Recover,
        "d" => PresenterKey::Drill,
        "s" => PresenterKey::Spike,
        _ => return None,
    })
}

/// Size of a node's name on screen in presenter mode [CSS px]: legible from the back of a room
/// (18 px at least) with a margin for rounding.
pub const NAME_SCREEN_PX: f64 = 19.0;
/// The largest a presenter name is drawn in the diagram's own units [px]: zoomed out further,
/// names shrink with the diagram rather than cover each other.
pub const NAME_MAX_WORLD_PX: f64 = 64.0;
/// Widest a presenter name may be [px, world]: a node's width plus the gap the built-in
/// layouts leave between columns (three grid steps, 48 px), so neighbours' names never cross.
pub const NAME_MAX_WORLD_W: f64 = crate::edit::geometry::NODE_W + 3.0 * crate::edit::geometry::GRID;
/// Lines a presenter name may take: a Korean "샤드 라우터 미국" needs three at step 11's size.
pub const NAME_MAX_LINES: usize = 3;

/// Below this size on screen [CSS px] presenter names are not drawn at all: zoomed this far out
/// (a diagram of thousands of nodes) they would be a grey haze, as the normal ones would.
pub const NAME_MIN_SCREEN_PX: f64 = 8.0;

/// Whether presenter mode draws names at `zoom` (see [`NAME_MIN_SCREEN_PX`]).
pub fn names_drawn(zoom: f64, normal_px: f64) -> bool {
    zoom.is_finite() && name_world_px(zoom, normal_px) * zoom >= NAME_MIN_SCREEN_PX
}

/// The font size that draws a name at [`NAME_SCREEN_PX`] on screen at `zoom` [px, world],
/// never smaller than the normal `normal_px` nor larger than [`NAME_MAX_WORLD_PX`].
pub fn name_world_px(zoom: f64, normal_px: f64) -> f64 {
    let zoom = if zoom.is_finite() && zoom > 0.0 {
        zoom
    } else {
        1.0
    };
    (NAME_SCREEN_PX / zoom).clamp(normal_px, NAME_MAX_WORLD_PX.max(normal_px))
}

/// A node's name as presenter mode draws it at `zoom`: its font size [px, world] and lines.
pub fn name_lines(name: &str, zoom: f64, normal_px: f64) -> (f64, Vec<String>) {
    let px = name_world_px(zoom, normal_px);
    (
        px,
        crate::label::wrap_label(name, NAME_MAX_WORLD_W, px, NAME_MAX_LINES),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> Mods {
        Mods::default()
    }

    #[test]
    fn p_works_everywhere_the_rest_only_while_presenting() {
        assert_eq!(
            presenter_key("p", plain(), false),
            Some(PresenterKey::Toggle)
        );
        assert_eq!(
            presenter_key("P", plain(), true),
            Some(PresenterKey::Toggle)
        );
        for key in [
            " ",
            "ArrowLeft",
            "ArrowRight",
            "PageUp",
            "PageDown",
            "f",
            "r",
            "d",
            "s",
            "Escape",
        ] {
            assert_eq!(presenter_key(key, plain(), false), None, "{key:?} outside");
            assert!(
                presenter_key(key, plain(), true).is_some(),
                "{key:?} inside"
            );
        }
    }

    #[test]
    fn a_clicker_and_the_arrows_walk_the_journey() {
        assert_eq!(
            presenter_key("PageDown", plain(), true),
            Some(PresenterKey::Next)
        );
        assert_eq!(
            presenter_key("ArrowRight", plain(), true),
            Some(PresenterKey::Next)
        );
        assert_eq!(
            presenter_key("PageUp", plain(), true),
            Some(PresenterKey::Previous)
        );
        assert_eq!(
            presenter_key("ArrowLeft", plain(), true),
            Some(PresenterKey::Previous)
        );
        assert_eq!(
            presenter_key(" ", plain(), true),
            Some(PresenterKey::PlayPause)
        );
        assert_eq!(presenter_key("F", plain(), true), Some(PresenterKey::Fail));
        assert_eq!(presenter_key("x", plain(), true), None);
    }

    #[test]
    fn modifier_shortcuts_keep_their_meaning() {
        let ctrl = Mods {
            ctrl: true,
            ..Mods::default()
        };
        let meta = Mods {
            meta: true,
            ..Mods::default()
        };
        assert_eq!(presenter_key("p", ctrl, false), None, "Ctrl+P prints");
        assert_eq!(presenter_key("d", ctrl, true), None, "Ctrl+D duplicates");
        assert_eq!(presenter_key("s", meta, true), None);
    }

    #[test]
    fn every_presenter_key_is_listed_once() {
        let mut seen: Vec<PresenterKey> = PRESENTER_KEYS.iter().map(|(_, k)| *k).collect();
        seen.sort_by_key(|k| format!("{k:?}"));
        seen.dedup();
        assert_eq!(seen.len(), PRESENTER_KEYS.len());
        assert_eq!(seen.len(), 9);
    }

    #[test]
    fn names_reach_the_screen_size_until_the_cap() {
        // Step 11 fitted on a 1024x768 projector: about 42 %.
        let px = name_world_px(0.42, 14.0);
        assert!((px * 0.42 - NAME_SCREEN_PX).abs() < 1e-9);
        assert!(px * 0.42 >= 18.0);
        // Zoomed in, never smaller than the normal name.
        assert_eq!(name_world_px(2.0, 14.0), 14.0);
        // Zoomed far out, capped.
        assert_eq!(name_world_px(0.05, 14.0), NAME_MAX_WORLD_PX);
        // A broken zoom draws the normal size rather than nothing.
        assert_eq!(name_world_px(0.0, 14.0), 14.0f64.max(NAME_SCREEN_PX));
        assert_eq!(name_world_px(f64::NAN, 14.0), NAME_SCREEN_PX);
    }

    #[test]
    fn names_are_left_out_where_they_could_not_be_read() {
        assert!(names_drawn(0.42, 14.0));
        assert!(names_drawn(0.13, 14.0), "64 px at 13 % is 8.3 px");
        assert!(!names_drawn(0.1, 14.0));
        assert!(!names_drawn(f64::NAN, 14.0));
    }

    #[test]
    fn step_eleven_names_fit_their_column() {
        let names = [
            "Users (US)",
            "Geo-DNS",
            "Shard router US",
            "Sessions US",
            "Workers EU",
            "Web EU 5",
            "샤드 라우터 미국",
            "세션 미국",
        ];
        for name in names {
            let (px, lines) = name_lines(name, 0.42, 14.0);
            assert!(!lines.is_empty() && lines.len() <= NAME_MAX_LINES, "{name}");
            for l in &lines {
                assert!(crate::label::width(l, px) <= NAME_MAX_WORLD_W, "{l}");
            }
            // Nothing is lost on the built-in names: no ellipsis.
            assert!(lines.iter().all(|l| !l.ends_with('…')), "{name}: {lines:?}");
        }
    }
}
