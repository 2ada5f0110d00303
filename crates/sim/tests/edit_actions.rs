//! The action table: complete, unambiguous, and what the help overlay shows.

use scaleboard_sim::edit::actions::{action, for_key};
use scaleboard_sim::edit::{ActionId, Mods, ACTIONS};
use std::collections::HashSet;

const NONE: Mods = Mods {
    shift: false,
    ctrl: false,
    meta: false,
    alt: false,
};
const SHIFT: Mods = Mods {
    shift: true,
    ..NONE
};
const CTRL: Mods = Mods { ctrl: true, ..NONE };
const META: Mods = Mods { meta: true, ..NONE };
const CTRL_SHIFT: Mods = Mods {
    ctrl: true,
    shift: true,
    ..NONE
};
const META_SHIFT: Mods = Mods {
    meta: true,
    shift: true,
    ..NONE
};

#[test]
fn every_action_has_one_entry_with_a_label() {
    let ids: HashSet<ActionId> = ACTIONS.iter().map(|a| a.id).collect();
    assert_eq!(ids.len(), ACTIONS.len(), "no action listed twice");
    for a in ACTIONS {
        assert_eq!(action(a.id).id, a.id);
        assert!(!a.label.is_empty());
        assert!(!a.shortcut.is_empty(), "{:?} has a shortcut to show", a.id);
        assert!(!a.bindings.is_empty());
    }
}

#[test]
fn no_key_press_triggers_two_actions() {
    for a in ACTIONS {
        for b in a.bindings {
            for shift in [false, true] {
                if b.shift.is_some_and(|s| s != shift) {
                    continue;
                }
                let mods = Mods {
                    shift,
                    ctrl: b.command,
                    ..NONE
                };
                let hits: Vec<ActionId> = ACTIONS
                    .iter()
                    .filter(|o| {
                        o.bindings.iter().any(|ob| {
                            ob.key.eq_ignore_ascii_case(b.key)
                                && ob.command == mods.command()
                                && ob.shift.is_none_or(|s| s == shift)
                        })
                    })
                    .map(|o| o.id)
                    .collect();
                assert_eq!(hits, [a.id], "{} shift={shift}", b.key);
            }
        }
    }
}

#[test]
fn the_issue_shortcuts() {
    let cases = [
        ("z", CTRL, ActionId::Undo),
        ("z", META, ActionId::Undo),
        ("Z", CTRL_SHIFT, ActionId::Redo),
        ("Z", META_SHIFT, ActionId::Redo),
        ("y", CTRL, ActionId::Redo),
        ("Delete", NONE, ActionId::Delete),
        ("Backspace", NONE, ActionId::Delete),
        ("d", CTRL, ActionId::Duplicate),
        ("c", META, ActionId::Copy),
        ("v", CTRL, ActionId::Paste),
        ("a", CTRL, ActionId::SelectAll),
        ("Escape", NONE, ActionId::Cancel),
        ("ArrowLeft", NONE, ActionId::NudgeLeft),
        ("ArrowLeft", SHIFT, ActionId::NudgeLeftBig),
        ("ArrowUp", SHIFT, ActionId::NudgeUpBig),
        ("?", SHIFT, ActionId::ToggleHelp),
        ("!", SHIFT, ActionId::ZoomToFit),
        ("=", NONE, ActionId::ZoomIn),
    ];
    for (key, mods, want) in cases {
        assert_eq!(for_key(key, mods), Some(want), "{key} {mods:?}");
    }
    assert_eq!(for_key("z", NONE), None, "plain z is not undo");
    assert_eq!(for_key("a", NONE), None);
}

#[test]
fn shortcut_text_follows_the_platform() {
    assert_eq!(action(ActionId::Redo).shortcut_text(false), "Ctrl+Shift+Z");
    assert_eq!(action(ActionId::Redo).shortcut_text(true), "⇧⌘Z");
    assert_eq!(action(ActionId::Undo).shortcut_text(true), "⌘Z");
    assert_eq!(action(ActionId::NudgeLeftBig).shortcut_text(true), "⇧←");
    assert_eq!(action(ActionId::Delete).shortcut_text(true), "Delete");
}
