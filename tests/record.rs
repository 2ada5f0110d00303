//! Record's pure parts, in the browser: where each piece of a frame goes, the diagram's box kept
//! to the first frame's shape, and the moving dots carried over to the page's animation time.
//! (The GIF encoder is tested natively in crates/gif; the whole recording end to end in
//! e2e/tests/record.test.mjs.)
#![cfg(target_arch = "wasm32")]

use scaleboard::record::frame::{at_phase, to_aspect, Layout, Place, WIDTH};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_diagram_spans_the_width_under_the_caption_and_the_charts_go_two_a_row() {
    // A 1000 x 400 px diagram and three 420 x 200 charts.
    let l = Layout::of((1000.0, 400.0), &[(420.0, 200.0); 3]);
    assert_eq!(
        l.diagram,
        Place {
            x: 0.0,
            y: 28.0,
            w: 800.0,
            h: 320.0
        },
        "scaled by 0.8 under the 28 px caption"
    );
    assert_eq!(l.charts.len(), 3);
    // Two columns of 388 px with 8 px gaps, each under a 20 px title; height by the chart's
    // aspect (388 x 200 / 420).
    assert_eq!(
        l.charts[0],
        Place {
            x: 8.0,
            y: 376.0,
            w: 388.0,
            h: 185.0
        }
    );
    assert_eq!(
        l.charts[1],
        Place {
            x: 404.0,
            y: 376.0,
            w: 388.0,
            h: 185.0
        }
    );
    assert_eq!(
        l.charts[2],
        Place {
            x: 8.0,
            y: 589.0,
            w: 388.0,
            h: 185.0
        }
    );
    assert_eq!(l.height, 782, "the last row and a gap, rounded up to even");
    assert_eq!(WIDTH, 800);
}

#[wasm_bindgen_test]
fn a_tall_diagram_is_scaled_to_fit_and_centred() {
    let l = Layout::of((400.0, 960.0), &[]);
    assert_eq!(l.diagram.h, 600.0, "no taller than 600 px");
    assert_eq!(l.diagram.w, 250.0);
    assert_eq!(l.diagram.x, 275.0, "centred across 800 px");
    assert_eq!(l.height % 2, 0);
}

#[wasm_bindgen_test]
fn a_box_grows_about_its_centre_to_the_first_frames_shape() {
    // Wider than 2:1 -> taller; narrower -> wider; the centre stays.
    assert_eq!(
        to_aspect([10.0, 10.0, 300.0, 100.0], 2.0),
        [10.0, -15.0, 300.0, 150.0]
    );
    assert_eq!(
        to_aspect([10.0, 10.0, 100.0, 100.0], 2.0),
        [-40.0, 10.0, 200.0, 100.0]
    );
}

#[wasm_bindgen_test]
fn the_dots_start_where_the_page_shows_them() {
    let svg = r#"<circle class="dot" r="4"><animateMotion dur="1.6s" repeatCount="indefinite" begin="-0.80s" path="M 0 0 L 9 9"></animateMotion></circle><circle><animateMotion begin="-0.00s"></animateMotion></circle>"#;
    let moved = at_phase(svg, 12.5);
    assert!(moved.contains(r#"begin="-13.300s""#), "{moved}");
    assert!(moved.contains(r#"begin="-12.500s""#), "{moved}");
    assert_eq!(moved.matches("begin=").count(), 2);
    assert_eq!(at_phase(svg, 0.0), svg, "a page at time 0 needs no change");
    // Something that is not a time is left alone.
    assert_eq!(
        at_phase(r#"<a begin="click">"#, 3.0),
        r#"<a begin="click">"#
    );
}
