//! The built-in scenarios, compiled into the app so they load with no request and work offline.
//! They are also the model crate's test fixtures (static/scenarios/*.json).

/// A built-in scenario: its URL name (`?scenario=NAME`) and its JSON document.
pub struct Builtin {
    pub name: &'static str,
    pub json: &'static str,
}

/// `builtins!["a", "b"]`: each name's document from static/scenarios/NAME.json.
macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin {
            name: $name,
            json: include_str!(concat!("../static/scenarios/", $name, ".json")),
        }),*]
    };
}

/// In journey order: the classic path from one server to millions of users. 07b is the
/// stateful web tier that 07 is compared with; after it, what keeps such a system serving when
/// parts fail: retries that amplify an outage (12), the defences that contain them (12b), and
/// rate limiting (13).
pub const SCENARIOS: &[Builtin] = builtins![
    "01-single-server",
    "02-web-and-db",
    "03-load-balancer",
    "04-replication",
    "05-cache",
    "06-cdn",
    "07-stateless",
    "07b-stateful",
    "08-two-data-centers",
    "09-queue-workers",
    "10-sharding",
    "11-millions",
    "12-retry-storm",
    "12b-retry-budget",
    "13-rate-limit",
];

/// The scenario a first visit opens: the journey's starting point, one server.
pub const DEFAULT: &str = "01-single-server";

/// Finds a built-in scenario by its URL name.
pub fn find(name: &str) -> Option<&'static Builtin> {
    SCENARIOS.iter().find(|b| b.name == name)
}
