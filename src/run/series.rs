//! The time series the charts draw: the model's (`scaleboard_sim::series`), so the app's charts
//! and the figures `scaleboard render` draws read the very same points.

pub use scaleboard_sim::series::*;
