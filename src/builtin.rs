//! The built-in scenarios, compiled into the app so they load with no request and work offline.
//! They are also the model crate's test fixtures (static/scenarios/*.json).

/// A built-in scenario: its URL name (`?scenario=NAME`) and its JSON document.
pub struct Builtin {
    pub name: &'static str,
    pub json: &'static str,
}

pub const SCENARIOS: &[Builtin] = &[Builtin {
    name: "01-single-server",
    json: include_str!("../static/scenarios/01-single-server.json"),
}];

/// The scenario a first visit opens: the seed's starting point, one server.
pub const DEFAULT: &str = "01-single-server";

/// Finds a built-in scenario by its URL name.
pub fn find(name: &str) -> Option<&'static Builtin> {
    SCENARIOS.iter().find(|b| b.name == name)
}
