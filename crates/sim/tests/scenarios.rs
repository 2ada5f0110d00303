//! The built-in scenarios (static/scenarios/*.json): each loads with no problem, says what it
//! teaches, and is laid out so it reads left to right without overlaps.

use scaleboard_sim::edit::geometry::{node_rect, GRID, NODE_H, NODE_W};
use scaleboard_sim::edit::Rect;
use scaleboard_sim::{load, Kind, Scenario};
use std::path::{Path, PathBuf};

/// Smallest gap between two node boxes [px].
const MIN_GAP: f64 = 48.0;
/// Room a data center keeps above its nodes for its label [px].
const DC_LABEL: f64 = 28.0;

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn scenarios() -> Vec<(String, Scenario)> {
    files()
        .into_iter()
        .map(|f| {
            let stem = f
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&f).expect("readable");
            match load(&text) {
                Ok(s) => (stem, s),
                Err(d) => panic!("{stem}: {d:?}"),
            }
        })
        .collect()
}

#[test]
fn the_journey_is_complete_and_every_step_loads_and_explains_itself() {
    let all = scenarios();
    let stems: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
    for want in [
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
    ] {
        assert!(stems.contains(&want), "missing {want}: {stems:?}");
    }
    for (stem, s) in &all {
        assert!(
            s.description.len() > 80,
            "{stem}: needs a description of what it teaches"
        );
        // Drills live in static/lessons.json; a built-in scenario runs clean until asked.
        assert!(
            s.faults.is_empty(),
            "{stem}: faults belong to the lesson's drill"
        );
    }
}

fn gap(a: &Rect, b: &Rect) -> f64 {
    let dx = (b.x - a.right()).max(a.x - b.right());
    let dy = (b.y - a.bottom()).max(a.y - b.bottom());
    dx.max(dy)
}

#[test]
fn nodes_sit_on_the_grid_apart_and_inside_their_data_centers() {
    for (stem, s) in scenarios() {
        for n in &s.nodes {
            assert!(
                n.x % GRID == 0.0 && n.y % GRID == 0.0,
                "{stem}: {} is off the {GRID} px grid",
                n.id
            );
            assert!(
                n.x - NODE_W / 2.0 >= 0.0 && n.y - NODE_H / 2.0 >= 0.0,
                "{stem}: {} is off the canvas",
                n.id
            );
        }
        for (i, a) in s.nodes.iter().enumerate() {
            for b in &s.nodes[i + 1..] {
                let g = gap(&node_rect(a), &node_rect(b));
                assert!(
                    g >= MIN_GAP,
                    "{stem}: {} and {} are {g} px apart",
                    a.id,
                    b.id
                );
            }
        }
        for dc in &s.data_centers {
            let r = Rect::of_dc(dc);
            for n in &s.nodes {
                let nr = node_rect(n);
                let inside = nr.x >= r.x
                    && nr.right() <= r.right()
                    && nr.y >= r.y + DC_LABEL
                    && nr.bottom() <= r.bottom();
                let touches = r.intersects(&nr);
                if n.dc.as_deref() == Some(dc.id.as_str()) {
                    assert!(inside, "{stem}: {} must be drawn inside {}", n.id, dc.id);
                } else {
                    assert!(!touches, "{stem}: {} must be drawn outside {}", n.id, dc.id);
                }
            }
        }
        for (i, a) in s.data_centers.iter().enumerate() {
            for b in &s.data_centers[i + 1..] {
                assert!(
                    !Rect::of_dc(a).intersects(&Rect::of_dc(b)),
                    "{stem}: {} and {} overlap",
                    a.id,
                    b.id
                );
            }
        }
    }
}

#[test]
fn requests_flow_left_to_right() {
    for (stem, s) in scenarios() {
        for w in &s.wires {
            let (Some(a), Some(b)) = (s.node(&w.from), s.node(&w.to)) else {
                panic!("{stem}: dangling wire");
            };
            // Replication (primary -> replica) may run down a column; everything else goes right.
            if a.kind == Kind::Database {
                assert!(a.x <= b.x, "{stem}: {} -> {}", a.id, b.id);
            } else {
                assert!(a.x < b.x, "{stem}: {} -> {} runs right to left", a.id, b.id);
            }
        }
    }
}

#[test]
fn the_app_registers_every_scenario_in_journey_order() {
    let builtin =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/builtin.rs"))
            .expect("src/builtin.rs");
    let stems: Vec<String> = files()
        .iter()
        .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().to_string()))
        .collect();
    let mut last = 0;
    for stem in &stems {
        let at = builtin
            .find(&format!("\"{stem}\""))
            .unwrap_or_else(|| panic!("src/builtin.rs does not register {stem}"));
        // File names sort in journey order (07b right after 07).
        assert!(
            at > last,
            "{stem} is out of journey order in src/builtin.rs"
        );
        last = at;
    }
}
