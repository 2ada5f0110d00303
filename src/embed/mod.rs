//! What an embed in a documentation page needs beyond the app itself.

pub mod api;
pub mod bar;
pub mod in_view;
pub mod problems;
