//! The closed set of component kinds, their labels and which wires between them make sense.

use serde::{Deserialize, Serialize};

/// What a node is. Adding a kind means: a variant here, its defaults in `params.rs`, its
/// wiring rules below, and its behaviour in `engine/route.rs`.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Users,
    Dns,
    Cdn,
    LoadBalancer,
    #[default]
    WebServer,
    SessionStore,
    Cache,
    Database,
    ShardRouter,
    MessageQueue,
    Worker,
    Autoscaler,
}

impl Kind {
    /// Every kind, in palette order.
    pub const ALL: &'static [Kind] = &[
        Kind::Users,
        Kind::Dns,
        Kind::Cdn,
        Kind::LoadBalancer,
        Kind::WebServer,
        Kind::SessionStore,
        Kind::Cache,
        Kind::Database,
        Kind::ShardRouter,
        Kind::MessageQueue,
        Kind::Worker,
        Kind::Autoscaler,
    ];

    /// Human label, sentence case.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Users => "Users",
            Kind::Dns => "DNS",
            Kind::Cdn => "CDN",
            Kind::LoadBalancer => "Load balancer",
            Kind::WebServer => "Web server",
            Kind::SessionStore => "Session store",
            Kind::Cache => "Cache",
            Kind::Database => "Database",
            Kind::ShardRouter => "Shard router",
            Kind::MessageQueue => "Message queue",
            Kind::Worker => "Worker",
            Kind::Autoscaler => "Autoscaler",
        }
    }

    /// The JSON name (`load_balancer`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Users => "users",
            Kind::Dns => "dns",
            Kind::Cdn => "cdn",
            Kind::LoadBalancer => "load_balancer",
            Kind::WebServer => "web_server",
            Kind::SessionStore => "session_store",
            Kind::Cache => "cache",
            Kind::Database => "database",
            Kind::ShardRouter => "shard_router",
            Kind::MessageQueue => "message_queue",
            Kind::Worker => "worker",
            Kind::Autoscaler => "autoscaler",
        }
    }

    /// "a load balancer" / "an autoscaler", for diagnostics.
    pub fn article(self) -> String {
        match self {
            Kind::Autoscaler => "an autoscaler".to_string(),
            Kind::Users => "users".to_string(),
            Kind::Dns => "DNS".to_string(),
            Kind::Cdn => "a CDN".to_string(),
            _ => format!("a {}", self.label().to_lowercase()),
        }
    }

    /// Whether a wire `self -> to` means something to the engine. A wire is a request path
    /// (caller -> callee), except database -> database (replication) and autoscaler ->
    /// load balancer (the pool it scales).
    pub fn can_send_to(self, to: Kind) -> bool {
        use Kind::*;
        match self {
            Users => matches!(to, Dns | Cdn | LoadBalancer | WebServer),
            Dns => matches!(to, Cdn | LoadBalancer | WebServer),
            Cdn => matches!(to, LoadBalancer | WebServer),
            LoadBalancer => matches!(to, WebServer),
            WebServer => matches!(
                to,
                SessionStore | Cache | Database | ShardRouter | MessageQueue
            ),
            Database => matches!(to, Database),
            ShardRouter => matches!(to, Database),
            MessageQueue => matches!(to, Worker),
            Worker => matches!(to, Database),
            Autoscaler => matches!(to, LoadBalancer),
            SessionStore | Cache => false,
        }
    }

    /// What a wire from this kind may go to, said to the person wiring it: "a web server sends
    /// to a session store, a cache, a database, a shard router or a message queue".
    pub fn wiring_hint(self) -> String {
        let targets: Vec<String> = Kind::ALL
            .iter()
            .filter(|to| self.can_send_to(**to))
            .map(|to| to.article())
            .collect();
        let who = self.article();
        let sends = if self == Kind::Users { "send" } else { "sends" };
        match targets.as_slice() {
            _ if self == Kind::Autoscaler => {
                format!("{who} is wired to the load balancer whose web servers it scales")
            }
            [] => format!("{who} only answers; wire to it from the component that calls it"),
            [one] if self == Kind::Database => {
                format!("{who} only replicates, to {one} that becomes its replica")
            }
            [one] => format!("{who} {sends} to {one}"),
            [init @ .., last] => format!("{who} {sends} to {} or {last}", init.join(", ")),
        }
    }

    /// Whether the kind queues and serves requests with workers.
    pub fn has_service(self) -> bool {
        use Kind::*;
        matches!(
            self,
            Cdn | LoadBalancer | WebServer | SessionStore | Cache | Database | ShardRouter | Worker
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_serde_names() {
        for k in Kind::ALL {
            let json = serde_json::to_string(k).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", k.key()));
        }
    }
}
