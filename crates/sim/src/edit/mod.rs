//! The canvas editor's model: edits as commands with exact inverses, undo history with
//! gesture grouping, canvas geometry and hit testing, the pointer/keyboard state machine and
//! the action table. Pure Rust: the web app draws [`Editor`] and forwards input to it.
//!
//! Coordinates are CSS pixels [px]: world space is the document's, screen space is relative
//! to the canvas element (see [`geometry::Viewport`]).

#![warn(missing_docs)]

pub mod actions;
mod check;
mod command;
mod editor;
pub mod geometry;
mod history;
pub mod ids;
pub mod notice;
mod ops;
pub mod tool;

pub use actions::{ActionDef, ActionId, Mods, ACTIONS};
pub use check::{check_wire, EditError};
pub use command::Command;
pub use editor::{Clipboard, Editor, Notice, FIT_MARGIN, NEW_DC_SIZE, PASTE_OFFSET, ZOOM_STEP};
pub use geometry::{Hit, Point, Rect, Viewport};
pub use history::{History, DEFAULT_DEPTH};
pub use tool::{Button, PointerInput, Tool};
