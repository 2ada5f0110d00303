//! One table of editor actions serving toolbar buttons, keyboard shortcuts and the help
//! overlay (Excalidraw's ActionManager): [`ACTIONS`] lists them, [`for_key`] maps a key press
//! to one, [`crate::edit::Editor::run`] performs it.

/// Every editor action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionId {
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Delete the selection.
    Delete,
    /// Copy and paste the selection in one go.
    Duplicate,
    /// Copy the selection to the editor's clipboard.
    Copy,
    /// Copy the selection, then delete it.
    Cut,
    /// Paste the clipboard, offset from the original.
    Paste,
    /// Select every node.
    SelectAll,
    /// Escape: cancel the gesture in progress (putting things back), else clear the selection.
    Cancel,
    /// Move the selection one grid step left.
    NudgeLeft,
    /// Move the selection one grid step right.
    NudgeRight,
    /// Move the selection one grid step up.
    NudgeUp,
    /// Move the selection one grid step down.
    NudgeDown,
    /// Move the selection ten grid steps left.
    NudgeLeftBig,
    /// Move the selection ten grid steps right.
    NudgeRightBig,
    /// Move the selection ten grid steps up.
    NudgeUpBig,
    /// Move the selection ten grid steps down.
    NudgeDownBig,
    /// Zoom in one step about the view's centre.
    ZoomIn,
    /// Zoom out one step about the view's centre.
    ZoomOut,
    /// Show the whole diagram.
    ZoomToFit,
    /// Zoom to 100 % about the view's centre.
    ZoomReset,
    /// Turn snapping to the grid on or off.
    ToggleSnap,
    /// Open or close the keyboard-shortcut overlay.
    ToggleHelp,
}

impl ActionId {
    /// Whether the action changes the design (refused on a read-only diagram).
    pub fn edits(self) -> bool {
        use ActionId::*;
        matches!(
            self,
            Undo | Redo
                | Delete
                | Duplicate
                | Cut
                | Paste
                | NudgeLeft
                | NudgeRight
                | NudgeUp
                | NudgeDown
                | NudgeLeftBig
                | NudgeRightBig
                | NudgeUpBig
                | NudgeDownBig
        )
    }
}

/// Modifier keys held during an input event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Mods {
    /// Shift is held.
    pub shift: bool,
    /// Ctrl is held.
    pub ctrl: bool,
    /// Cmd on macOS, the Windows key elsewhere.
    pub meta: bool,
    /// Alt (Option) is held: moves skip snapping.
    pub alt: bool,
}

impl Mods {
    /// Whether the platform's command modifier (Ctrl, or Cmd on macOS) is held.
    pub fn command(&self) -> bool {
        self.ctrl || self.meta
    }
}

/// A key press that triggers an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    /// `KeyboardEvent.key`; single letters match either case.
    pub key: &'static str,
    /// Ctrl or Cmd must be held (`true`) or must not be (`false`).
    pub command: bool,
    /// Shift must be held (`Some(true)`), must not be (`Some(false)`), or does not matter.
    pub shift: Option<bool>,
}

const fn b(key: &'static str, command: bool, shift: Option<bool>) -> Binding {
    Binding {
        key,
        command,
        shift,
    }
}

/// An action as buttons, menus and the help overlay show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionDef {
    /// Which action.
    pub id: ActionId,
    /// Sentence-case label, also the accessible name of its button.
    pub label: &'static str,
    /// Shortcut as shown on Windows and Linux (`Ctrl+Shift+Z`); empty when there is none.
    pub shortcut: &'static str,
    /// Key presses that trigger it.
    pub bindings: &'static [Binding],
}

const NO: Option<bool> = Some(false);
const YES: Option<bool> = Some(true);

/// Every action, in help-overlay order.
pub const ACTIONS: &[ActionDef] = &[
    ActionDef {
        id: ActionId::Undo,
        label: "Undo",
        shortcut: "Ctrl+Z",
        bindings: &[b("z", true, NO)],
    },
    ActionDef {
        id: ActionId::Redo,
        label: "Redo",
        shortcut: "Ctrl+Shift+Z",
        bindings: &[b("z", true, YES), b("y", true, NO)],
    },
    ActionDef {
        id: ActionId::Delete,
        label: "Delete",
        shortcut: "Delete",
        bindings: &[b("Delete", false, None), b("Backspace", false, None)],
    },
    ActionDef {
        id: ActionId::Duplicate,
        label: "Duplicate",
        shortcut: "Ctrl+D",
        bindings: &[b("d", true, NO)],
    },
    ActionDef {
        id: ActionId::Copy,
        label: "Copy",
        shortcut: "Ctrl+C",
        bindings: &[b("c", true, NO)],
    },
    ActionDef {
        id: ActionId::Cut,
        label: "Cut",
        shortcut: "Ctrl+X",
        bindings: &[b("x", true, NO)],
    },
    ActionDef {
        id: ActionId::Paste,
        label: "Paste",
        shortcut: "Ctrl+V",
        bindings: &[b("v", true, NO)],
    },
    ActionDef {
        id: ActionId::SelectAll,
        label: "Select all",
        shortcut: "Ctrl+A",
        bindings: &[b("a", true, NO)],
    },
    ActionDef {
        id: ActionId::Cancel,
        label: "Cancel or clear selection",
        shortcut: "Escape",
        bindings: &[b("Escape", false, None)],
    },
    ActionDef {
        id: ActionId::NudgeLeft,
        label: "Move left",
        shortcut: "←",
        bindings: &[b("ArrowLeft", false, NO)],
    },
    ActionDef {
        id: ActionId::NudgeRight,
        label: "Move right",
        shortcut: "→",
        bindings: &[b("ArrowRight", false, NO)],
    },
    ActionDef {
        id: ActionId::NudgeUp,
        label: "Move up",
        shortcut: "↑",
        bindings: &[b("ArrowUp", false, NO)],
    },
    ActionDef {
        id: ActionId::NudgeDown,
        label: "Move down",
        shortcut: "↓",
        bindings: &[b("ArrowDown", false, NO)],
    },
    ActionDef {
        id: ActionId::NudgeLeftBig,
        label: "Move left 10 steps",
        shortcut: "Shift+←",
        bindings: &[b("ArrowLeft", false, YES)],
    },
    ActionDef {
        id: ActionId::NudgeRightBig,
        label: "Move right 10 steps",
        shortcut: "Shift+→",
        bindings: &[b("ArrowRight", false, YES)],
    },
    ActionDef {
        id: ActionId::NudgeUpBig,
        label: "Move up 10 steps",
        shortcut: "Shift+↑",
        bindings: &[b("ArrowUp", false, YES)],
    },
    ActionDef {
        id: ActionId::NudgeDownBig,
        label: "Move down 10 steps",
        shortcut: "Shift+↓",
        bindings: &[b("ArrowDown", false, YES)],
    },
    ActionDef {
        id: ActionId::ZoomIn,
        label: "Zoom in",
        shortcut: "+",
        bindings: &[b("+", false, None), b("=", false, None)],
    },
    ActionDef {
        id: ActionId::ZoomOut,
        label: "Zoom out",
        shortcut: "-",
        bindings: &[b("-", false, None), b("_", false, None)],
    },
    ActionDef {
        id: ActionId::ZoomToFit,
        label: "Zoom to fit",
        shortcut: "Shift+1",
        bindings: &[b("1", false, YES), b("!", false, YES)],
    },
    ActionDef {
        id: ActionId::ZoomReset,
        label: "Zoom to 100 %",
        shortcut: "Shift+0",
        bindings: &[b("0", false, YES), b(")", false, YES)],
    },
    ActionDef {
        id: ActionId::ToggleSnap,
        label: "Snap to grid",
        shortcut: "G",
        bindings: &[b("g", false, NO)],
    },
    ActionDef {
        id: ActionId::ToggleHelp,
        label: "Keyboard shortcuts",
        shortcut: "?",
        bindings: &[b("?", false, None)],
    },
];

/// The table entry of `id`.
pub fn action(id: ActionId) -> &'static ActionDef {
    // Every id has an entry (tested); the fallback only keeps this total.
    ACTIONS.iter().find(|a| a.id == id).unwrap_or(&ACTIONS[0])
}

/// The action a key press triggers, if any. `key` is `KeyboardEvent.key`. Alt is ignored.
pub fn for_key(key: &str, mods: Mods) -> Option<ActionId> {
    let matches = |bd: &Binding| {
        let key_ok = if bd.key.chars().count() == 1 {
            bd.key.eq_ignore_ascii_case(key)
        } else {
            bd.key == key
        };
        key_ok && bd.command == mods.command() && bd.shift.is_none_or(|s| s == mods.shift)
    };
    ACTIONS
        .iter()
        .find(|a| a.bindings.iter().any(matches))
        .map(|a| a.id)
}

impl ActionDef {
    /// The shortcut as shown on this platform: macOS writes `⇧⌘Z` for `Ctrl+Shift+Z`.
    pub fn shortcut_text(&self, mac: bool) -> String {
        if !mac {
            return self.shortcut.to_string();
        }
        let mut out = String::new();
        if self.shortcut.contains("Shift+") && self.shortcut.len() > "Shift+".len() {
            out.push('⇧');
        }
        if self.shortcut.contains("Ctrl+") {
            out.push('⌘');
        }
        out.push_str(
            self.shortcut
                .replace("Ctrl+", "")
                .replace("Shift+", "")
                .as_str(),
        );
        out
    }
}
