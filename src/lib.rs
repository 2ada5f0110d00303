//! Scaleboard in the browser: Yew components that draw and drive the model in `scaleboard-sim`.
//! The model knows nothing of the browser; everything here only draws and forwards input.

pub mod app;
pub mod builtin;
pub mod canvas;
pub mod diagram;
pub mod dom;
pub mod fields;
pub mod help;
pub mod icons;
pub mod inspector;
pub mod location;
pub mod palette;
pub mod problems;
pub mod run;
pub mod scenario_view;
pub mod state;
pub mod toolbar;
pub mod workspace;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
