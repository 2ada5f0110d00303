//! Running a scenario live: the engine stepped every animation frame under a work budget,
//! injections, and the views of its numbers (charts, a text panel, colours on the canvas).

pub mod backend;
pub mod chart_panel;
pub mod charts;
pub mod compare_charts;
pub mod compare_menu;
pub mod design;
pub mod dock;
pub mod download;
pub mod engine;
pub mod frames;
pub mod labels;
pub mod limit;
pub mod numbers;
pub mod pair;
pub mod remote;
pub mod replay;
pub mod schedule;
pub mod series;
pub mod theory;
pub mod traffic;
pub mod wire_faults;
