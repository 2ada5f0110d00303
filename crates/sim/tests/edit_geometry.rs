//! Hit testing, marquee, snapping and the view transform.

use scaleboard_sim::edit::geometry::{
    bounds, distance_to_segment, handle_radius, hit_test, marquee, node_rect, output_handle, snap,
    wire_segment, wire_segments, NODE_H, NODE_W, ZOOM_MIN,
};
use scaleboard_sim::edit::{Hit, Point, Rect, Viewport};
use scaleboard_sim::{load, Scenario};

/// Two overlapping nodes (web-2 drawn on top), a wire, a data center.
const DOC: &str = r#"{
  "version": 1, "name": "Geometry",
  "nodes": [
    { "id": "users", "kind": "users", "x": 0, "y": 0 },
    { "id": "web-1", "kind": "web_server", "x": 400, "y": 0, "dc": "dc-1" },
    { "id": "web-2", "kind": "web_server", "x": 440, "y": 20, "dc": "dc-1" }
  ],
  "wires": [ { "from": "users", "to": "web-1" } ],
  "data_centers": [
    { "id": "dc-1", "region": "r", "x": 250, "y": -100, "w": 400, "h": 300 }
  ]
}"#;

fn doc() -> Scenario {
    load(DOC).expect("loads")
}

#[test]
fn node_box_is_centred_on_the_node() {
    let d = doc();
    let r = node_rect(&d.nodes[1]);
    assert_eq!(
        (r.x, r.y, r.w, r.h),
        (400.0 - NODE_W / 2.0, -NODE_H / 2.0, NODE_W, NODE_H)
    );
    assert_eq!(output_handle(&d.nodes[0]), Point::new(88.0, 0.0));
}

#[test]
fn the_topmost_node_wins() {
    let d = doc();
    assert_eq!(
        hit_test(&d, Point::new(430.0, 10.0), 1.0),
        Hit::Node("web-2".into())
    );
    assert_eq!(
        hit_test(&d, Point::new(330.0, -20.0), 1.0),
        Hit::Node("web-1".into())
    );
}

#[test]
fn the_output_handle_is_hit_before_the_body() {
    let d = doc();
    assert_eq!(
        hit_test(&d, Point::new(86.0, 2.0), 1.0),
        Hit::Handle("users".into())
    );
    assert_eq!(
        hit_test(&d, Point::new(60.0, 2.0), 1.0),
        Hit::Node("users".into())
    );
}

#[test]
fn far_zoomed_out_a_node_is_still_mostly_node_and_its_handle_a_dot_at_its_edge() {
    let d = doc();
    // At 5 % the handle's 8 screen px would be 160 world px, wider than the node's 176 / 2:
    // every press on the node would start a wire, and no node could be dragged.
    let zoom = 0.05;
    assert_eq!(handle_radius(zoom), NODE_H / 2.0);
    assert_eq!(handle_radius(1.0), 8.0, "unchanged at 100 %");
    assert_eq!(
        hit_test(&d, Point::new(20.0, 0.0), zoom),
        Hit::Node("users".into()),
        "the middle of the node drags it"
    );
    assert_eq!(
        hit_test(&d, Point::new(80.0, 5.0), zoom),
        Hit::Handle("users".into()),
        "its right edge still starts a wire"
    );
}

#[test]
fn all_segments_at_once_are_each_wires_own_and_a_dangling_wire_has_none() {
    let mut d = doc();
    d.wires.push(scaleboard_sim::Wire {
        from: "web-1".into(),
        to: "gone".into(),
        latency_ms: None,
        ..Default::default()
    });
    let each: Vec<_> = d.wires.iter().map(|w| wire_segment(&d, w)).collect();
    assert_eq!(wire_segments(&d), each);
    assert_eq!(
        each[0],
        Some((Point::new(88.0, 0.0), Point::new(312.0, 0.0)))
    );
    assert_eq!(each[1], None);
}

#[test]
fn wires_are_hit_within_a_screen_tolerance() {
    let d = doc();
    let (a, b) = wire_segment(&d, &d.wires[0]).expect("both ends exist");
    assert_eq!((a, b), (Point::new(88.0, 0.0), Point::new(312.0, 0.0)));
    assert_eq!(hit_test(&d, Point::new(200.0, 5.0), 1.0), Hit::Wire(0));
    assert_eq!(hit_test(&d, Point::new(200.0, 9.0), 1.0), Hit::Canvas);
    // At zoom 0.5 the same 6 screen px cover 12 world px.
    assert_eq!(hit_test(&d, Point::new(200.0, 9.0), 0.5), Hit::Wire(0));
}

#[test]
fn distance_to_segment_clamps_to_the_ends() {
    let (a, b) = (Point::new(0.0, 0.0), Point::new(10.0, 0.0));
    assert_eq!(distance_to_segment(Point::new(5.0, 3.0), a, b), 3.0);
    assert_eq!(distance_to_segment(Point::new(13.0, 4.0), a, b), 5.0);
    assert_eq!(distance_to_segment(Point::new(3.0, 4.0), a, a), 5.0);
}

#[test]
fn data_centers_are_grabbed_by_label_border_and_grip() {
    let d = doc();
    assert_eq!(
        hit_test(&d, Point::new(600.0, -90.0), 1.0),
        Hit::DataCenter("dc-1".into()),
        "label strip"
    );
    assert_eq!(
        hit_test(&d, Point::new(648.0, 100.0), 1.0),
        Hit::DataCenter("dc-1".into()),
        "right border"
    );
    assert_eq!(
        hit_test(&d, Point::new(645.0, 195.0), 1.0),
        Hit::DcGrip("dc-1".into())
    );
    assert_eq!(
        hit_test(&d, Point::new(600.0, 150.0), 1.0),
        Hit::Canvas,
        "inside is canvas: marquee"
    );
}

#[test]
fn marquee_selects_touched_nodes() {
    let d = doc();
    assert_eq!(
        marquee(
            &d,
            &Rect::from_corners(Point::new(-200.0, -200.0), Point::new(100.0, 100.0))
        ),
        ["users"]
    );
    assert_eq!(
        marquee(
            &d,
            &Rect::from_corners(Point::new(520.0, 40.0), Point::new(300.0, 30.0))
        ),
        ["web-1", "web-2"]
    );
    assert!(marquee(&d, &Rect::new(150.0, 100.0, 10.0, 10.0)).is_empty());
}

#[test]
fn snapping_rounds_to_the_grid() {
    assert_eq!(snap(7.0, 16.0), 0.0);
    assert_eq!(snap(8.0, 16.0), 16.0);
    assert_eq!(snap(-9.0, 16.0), -16.0);
    assert_eq!(snap(7.3, 0.0), 7.3);
}

#[test]
fn screen_and_world_are_inverse() {
    let v = Viewport {
        pan_x: 100.0,
        pan_y: -50.0,
        zoom: 2.0,
    };
    let w = Point::new(10.0, 20.0);
    assert_eq!(v.to_screen(w), Point::new(120.0, -10.0));
    assert_eq!(v.to_world(v.to_screen(w)), w);
}

#[test]
fn zoom_keeps_the_point_under_the_cursor() {
    let v = Viewport {
        pan_x: 30.0,
        pan_y: 40.0,
        zoom: 1.0,
    };
    let cursor = Point::new(500.0, 300.0);
    let under = v.to_world(cursor);
    let z = v.zoom_by(1.7, cursor);
    let back = z.to_screen(under);
    assert!((back.x - cursor.x).abs() < 1e-9 && (back.y - cursor.y).abs() < 1e-9);
    assert_eq!(z.zoom, 1.7);
}

#[test]
fn zoom_is_clamped() {
    let v = Viewport::default();
    assert_eq!(v.zoom_by(100.0, Point::default()).zoom, 4.0);
    assert_eq!(v.zoom_by(0.0001, Point::default()).zoom, ZOOM_MIN);
    assert_eq!(ZOOM_MIN, 0.02);
    assert_eq!(v.zoom_to(f64::NAN, Point::default()).zoom, 1.0);
}

#[test]
fn fit_centres_the_bounds_and_never_magnifies() {
    let d = doc();
    let b = bounds(&d).expect("not empty");
    assert_eq!((b.x, b.y), (-88.0, -100.0));
    let v = Viewport::fit(&b, 800.0, 600.0, 40.0);
    let c = v.to_screen(b.center());
    assert!((c.x - 400.0).abs() < 1e-9 && (c.y - 300.0).abs() < 1e-9);
    let r = v.visible(800.0, 600.0);
    assert!(r.x <= b.x && r.right() >= b.right() && r.y <= b.y && r.bottom() >= b.bottom());
    let small = Viewport::fit(&Rect::new(0.0, 0.0, 10.0, 10.0), 800.0, 600.0, 40.0);
    assert_eq!(small.zoom, 1.0);
    let huge = Viewport::fit(&Rect::new(0.0, 0.0, 1e6, 1e6), 800.0, 600.0, 40.0);
    assert_eq!(huge.zoom, ZOOM_MIN);
    // 2,000 nodes in a 45 x 45 grid of 208 x 96 px cells fit whole on a 600 x 350 px canvas.
    let big = Rect::new(0.0, 0.0, 45.0 * 208.0, 45.0 * 96.0);
    let v = Viewport::fit(&big, 600.0, 350.0, 24.0);
    let r = v.visible(600.0, 350.0);
    assert!(v.zoom > ZOOM_MIN && v.zoom < 0.1, "{}", v.zoom);
    assert!(r.x <= big.x && r.right() >= big.right() && r.y <= big.y && r.bottom() >= big.bottom());
}
