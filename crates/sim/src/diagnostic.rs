//! A problem found in a scenario, with where it is.

use std::fmt;

/// One problem: `path` says where (`nodes[web-2].workers`), `message` says what, in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A file that is not the JSON it should be, where serde stopped (`line 3, column 9`).
    pub(crate) fn json(e: &serde_json::Error) -> Diagnostic {
        Diagnostic::new(
            format!("line {}, column {}", e.line(), e.column()),
            e.to_string().replace('`', "\""),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for Diagnostic {}
