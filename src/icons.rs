//! Line icons for each component kind, 24x24 px, drawn with the `.icon` stroke style.

use scaleboard_sim::Kind;
use yew::prelude::*;

/// The SVG path data of a kind's icon, in a 24 px box.
pub fn icon_path(kind: Kind) -> &'static str {
    match kind {
        // Three heads: a crowd.
        Kind::Users => "M8 9a3 3 0 1 0 0-.01M16 9a3 3 0 1 0 0-.01M2 21c0-4 3-6 6-6s6 2 6 6M14 15.5c1-.4 1.7-.5 2-.5 3 0 6 2 6 6",
        // A globe: name resolution.
        Kind::Dns => "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M2 12h20M12 2c3 3 4 6.5 4 10s-1 7-4 10M12 2c-3 3-4 6.5-4 10s1 7 4 10",
        // Edge points around a centre: content near the user.
        Kind::Cdn => "M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6M12 2v4M12 18v4M2 12h4M18 12h4M5 5l3 3M16 16l3 3M19 5l-3 3M8 16l-3 3",
        // One line fanning out to three.
        Kind::LoadBalancer => "M2 12h7M9 12l7-7h6M9 12h13M9 12l7 7h6",
        // A rack server.
        Kind::WebServer => "M3 3h18v7H3zM3 14h18v7H3zM7 6.5h.01M7 17.5h.01M11 6.5h6M11 17.5h6",
        // A key: login sessions.
        Kind::SessionStore => "M8 10a4 4 0 1 0 0 .01M12 10h10M18 10v4M21 10v3",
        // A lightning bolt: fast memory.
        Kind::Cache => "M13 2L4 14h7l-1 8 9-12h-7z",
        // A cylinder.
        Kind::Database => "M4 5c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
        // A split box: id % N picks a part.
        Kind::ShardRouter => "M3 3h18v18H3zM12 3v18M3 12h18",
        // Stacked messages waiting.
        Kind::MessageQueue => "M3 6h14v4H3zM5 12h14v4H5zM7 18h14v4H7z",
        // A gear.
        Kind::Worker => "M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8M12 2v3M12 19v3M2 12h3M19 12h3M5 5l2 2M17 17l2 2M19 5l-2 2M7 17l-2 2",
        // Up and down arrows: servers added and removed.
        Kind::Autoscaler => "M7 20V4M3 8l4-4 4 4M17 4v16M13 16l4 4 4-4",
    }
}

/// A kind's icon as an SVG group (place it with a `transform`).
pub fn icon(kind: Kind) -> Html {
    html! { <path class="icon" d={icon_path(kind)} /> }
}

/// The app's logo: three bars growing, one server to many.
pub fn logo() -> Html {
    html! {
        <svg viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="#1f6feb" />
            <rect x="6" y="18" width="5" height="8" rx="1" fill="#fff" />
            <rect x="13.5" y="12" width="5" height="14" rx="1" fill="#fff" />
            <rect x="21" y="6" width="5" height="20" rx="1" fill="#fff" />
        </svg>
    }
}
