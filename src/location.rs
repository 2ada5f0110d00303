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
    /// `?readonly`: select, pan, zoom and run, never change the design.
    pub readonly: bool,
    /// `?lang=ko`: the interface language (else remembered, else the browser's).
    pub lang: Option<String>,
    /// `?engine=page`: run the simulation on the page instead of in a worker (for comparing
    /// the two, or a host page that forbids workers).
    pub engine_on_page: bool,
    /// `?theme=light` or `?theme=dark`: the colour scheme, instead of the system's.
    pub theme: Option<&'static str>,
    /// `?compare=05-cache`: open a comparison of the design with this built-in step.
    pub compare: Option<String>,
    /// `?t=42` (or `42s`, `1m30s`...): open the run at this moment, paused. Kept as written:
    /// the run dock parses it and says so if it is not a time.
    pub at: Option<String>,
    /// `?controls=rate,fail:cache` (embeds only): the run controls a reader gets, as written;
    /// checked against the design by the run dock, which shows what it cannot show. Kept when
    /// empty, so `controls=` alone is reported rather than taken for the whole dock.
    pub controls: Option<String>,
    /// `?api`: take commands from the host page (`embed::api`), with `&origin=` (kept as
    /// written: the API parses it and says so if it is not an origin) only from that origin.
    pub api: Option<Api>,
}

/// What `?api` asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Api {
    /// `&origin=https://docs.example.com`: commands from this origin only, events to it only.
    pub origin: Option<String>,
}

/// Reads the current page's query string, over the page's own defaults (`page_embed`).
pub fn query() -> Query {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    with_page_embed(parse_query(&search), page_embed())
}

/// The built-in scenario a flat embed page (`embed-05-cache.html`, written at build time by
/// scripts/embed-pages.mjs) stands for: its `<meta name="scaleboard-embed" content="05-cache">`.
/// Such a page cannot rely on a query, since without JavaScript it shows that scenario's
/// figure and with it must open the same scenario.
fn page_embed() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=scaleboard-embed]")
        .ok()??
        .get_attribute("content")
        .filter(|s| !s.is_empty())
}

/// `q` on a page that is the embed of the built-in scenario `page` (if any): embed mode, and
/// that scenario unless the query names another (the query wins; a `#s=` fragment still wins
/// over both).
pub fn with_page_embed(mut q: Query, page: Option<String>) -> Query {
    if let Some(name) = page {
        q.embed = true;
        q.scenario = q.scenario.or(Some(name));
    }
    q
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
    query.readonly = params.has("readonly");
    query.engine_on_page = params.get("engine").as_deref() == Some("page");
    query.lang = params.get("lang").filter(|s| !s.is_empty());
    query.at = params.get("t").filter(|s| !s.is_empty());
    query.compare = params.get("compare").filter(|s| !s.is_empty());
    query.controls = params.get("controls");
    query.api = params.has("api").then(|| Api {
        origin: params.get("origin"),
    });
    // Anything else (a typo, `auto`) leaves the system's choice in place.
    query.theme = match params.get("theme").as_deref() {
        Some("light") => Some("light"),
        Some("dark") => Some("dark"),
        _ => None,
    };
    query
}

/// Puts `?theme=` on the page as `data-theme` on `<html>`, which the stylesheet's
/// `color-scheme` follows instead of the system's preference.
pub fn apply_theme(theme: Option<&str>) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let (Some(root), Some(theme)) = (root, theme) {
        let _ = root.set_attribute("data-theme", theme);
    }
}

/// Whether the page is drawn dark: `?theme=` if it was given, else the system's preference.
/// For what the stylesheet cannot colour (charts drawn on a canvas).
pub fn dark_theme() -> bool {
    let w = web_sys::window();
    let set = w
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-theme"));
    match set.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => w
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

/// The current page's fragment, with its `#`.
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}
