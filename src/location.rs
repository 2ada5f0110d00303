//! What the page's URL asks for. Read once at start-up; a missing `window` (tests) means defaults.

/// The query parameters Scaleboard understands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// `?scenario=NAME`: a built-in scenario to open.
    pub scenario: Option<String>,
    /// `?embed`: canvas and view controls only, for an iframe.
    pub embed: bool,
    /// `?autoplay`: start the simulation at once.
    pub autoplay: bool,
    /// `?lang=ko`: the interface language (else remembered, else the browser's).
    pub lang: Option<String>,
}

/// Reads the current page's query string.
pub fn query() -> Query {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    parse_query(&search)
}

/// Parses a query string such as `?scenario=05-cache&embed`.
pub fn parse_query(search: &str) -> Query {
    let mut query = Query::default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return query;
    };
    query.scenario = params.get("scenario").filter(|s| !s.is_empty());
    query.embed = params.has("embed");
    query.autoplay = params.has("autoplay");
    query.lang = params.get("lang").filter(|s| !s.is_empty());
    query
}

/// The current page's fragment, with its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
