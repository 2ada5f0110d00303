//! Request traces in the app: the waterfall of one request's time ([`waterfall`]), the panel
//! that holds it over the run dock ([`panel`]), the geometry of its bars ([`layout`]) and the
//! path the canvas lights while it is open ([`path`]). The traces themselves come from the
//! engine (`scaleboard_sim::trace`); nothing here makes one up.

pub mod asks;
pub mod layout;
pub mod panel;
pub mod path;
pub mod waterfall;

use std::rc::Rc;

use scaleboard_sim::trace::Trace;

/// What the trace panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Asked, not answered yet: the next request (`next`), or a window's slowest.
    Waiting {
        next: bool,
    },
    Shown(Rc<Trace>),
    /// The engine's reason there is no trace.
    Note(String),
}
