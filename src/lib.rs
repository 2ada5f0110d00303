//! Scaleboard in the browser: Yew components that draw and drive the model in `scaleboard-sim`.
//! The model knows nothing of the browser; everything here only draws and forwards input.

pub mod about;
pub mod app;
pub mod builtin;
pub mod canvas;
pub mod compare_view;
pub mod diagram;
pub mod dom;
pub mod embed;
pub mod export;
pub mod field_json;
pub mod field_limits;
pub mod fields;
pub mod filebar;
pub mod glossary;
pub mod help;
pub mod i18n;
pub mod icons;
pub mod inspector;
pub mod layout;
pub mod lesson;
pub mod live_view;
pub mod location;
pub mod palette;
pub mod persist;
pub mod problems;
pub mod record;
pub mod run;
pub mod scenario_view;
pub mod share;
pub mod state;
pub mod toolbar;
pub mod trace;
pub mod wire_marks;
pub mod wire_panel;
pub mod worker;
pub mod workshop;
pub mod workspace;

/// The module's entry: the app on a page, the engine in its worker (no window there).
pub fn main() {
    if web_sys::window().is_some() {
        start();
    } else {
        worker::serve();
    }
}

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
