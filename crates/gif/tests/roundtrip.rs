//! What the encoder writes is a valid GIF89a that an independent decoder (the `gif` crate)
//! reads back to the very pixels pushed, frame by frame, with the delays they were shown for.

use scaleboard_gif::diff::{self, Rect};
use scaleboard_gif::palette::{self, Quantizer, TRANSPARENT};
use scaleboard_gif::{lzw, Encoder, Error};

/// A frame of one colour, with `squares` of other colours: (x, y, side, 0xRRGGBB).
fn frame(w: usize, h: usize, bg: u32, squares: &[(usize, usize, usize, u32)]) -> Vec<u8> {
    let mut px = vec![bg; w * h];
    for &(x, y, s, c) in squares {
        for yy in y..(y + s).min(h) {
            for xx in x..(x + s).min(w) {
                px[yy * w + xx] = c;
            }
        }
    }
    px.iter()
        .flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8, 255])
        .collect()
}

/// One decoded frame: its rectangle, delay [cs], transparent index and indices.
struct Decoded {
    rect: Rect,
    delay: u16,
    transparent: Option<u8>,
    indices: Vec<u8>,
}

fn decode(bytes: &[u8]) -> (u16, u16, Vec<u8>, Vec<Decoded>) {
    let mut opts = gif::DecodeOptions::new();
    opts.set_color_output(gif::ColorOutput::Indexed);
    let mut d = opts
        .read_info(bytes)
        .expect("the gif crate reads the header");
    let (w, h) = (d.width(), d.height());
    let table = d.global_palette().expect("a global colour table").to_vec();
    let mut frames = Vec::new();
    while let Some(f) = d.read_next_frame().expect("every frame decodes") {
        frames.push(Decoded {
            rect: Rect {
                x: f.left as usize,
                y: f.top as usize,
                w: f.width as usize,
                h: f.height as usize,
            },
            delay: f.delay,
            transparent: f.transparent,
            indices: f.buffer.to_vec(),
        });
    }
    (w, h, table, frames)
}

/// The picture a viewer sees after each frame, as RGBA, composed as browsers do (disposal 1:
/// each frame drawn over the last, its transparent pixels letting the last show through).
fn composed(bytes: &[u8]) -> Vec<Vec<u8>> {
    let (w, h, table, frames) = decode(bytes);
    let (w, h) = (w as usize, h as usize);
    let mut screen = vec![0u8; w * h * 4];
    let mut out = Vec::new();
    for f in frames {
        for (i, &ix) in f.indices.iter().enumerate() {
            if Some(ix) == f.transparent {
                continue;
            }
            let (x, y) = (f.rect.x + i % f.rect.w, f.rect.y + i / f.rect.w);
            let at = (y * w + x) * 4;
            let c = &table[ix as usize * 3..ix as usize * 3 + 3];
            screen[at..at + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
        out.push(screen.clone());
    }
    out
}

const WHITE: u32 = 0xffffff;
const HEAT_5: u32 = 0xff8f8f;
const BAD: u32 = 0xcf222e;
const P50: u32 = 0x2ea043;

#[test]
fn the_file_has_header_logical_screen_palette_frames_and_trailer() {
    let mut e = Encoder::new(300, 200).unwrap();
    e.push(&frame(300, 200, WHITE, &[]), 0.0).unwrap();
    e.push(&frame(300, 200, WHITE, &[(10, 10, 20, BAD)]), 100.0)
        .unwrap();
    let gif = e.finish(200.0);
    assert_eq!(&gif[..6], b"GIF89a", "the signature and version");
    assert_eq!(
        u16::from_le_bytes([gif[6], gif[7]]),
        300,
        "logical screen width"
    );
    assert_eq!(
        u16::from_le_bytes([gif[8], gif[9]]),
        200,
        "logical screen height"
    );
    assert_eq!(gif[10], 0xF7, "a global table of 256 colours");
    assert_eq!(
        &gif[13 + 768..13 + 768 + 15],
        b"\x21\xFF\x0BNETSCAPE2.0\x03",
        "loops"
    );
    assert_eq!(*gif.last().unwrap(), 0x3B, "the trailer ends the file");
    let (w, h, table, frames) = decode(&gif);
    assert_eq!((w, h), (300, 200));
    assert_eq!(table.len(), 256 * 3);
    assert_eq!(frames.len(), 2, "two different pictures, two frames");
}

#[test]
fn frames_decode_back_to_the_pixels_pushed() {
    let (w, h) = (120, 80);
    let pictures = [
        frame(w, h, WHITE, &[(5, 5, 30, HEAT_5)]),
        frame(w, h, WHITE, &[(5, 5, 30, HEAT_5), (60, 40, 10, P50)]),
        frame(w, h, 0xf6f8fa, &[(100, 60, 20, BAD)]),
    ];
    let mut e = Encoder::new(w as u32, h as u32).unwrap();
    for (i, p) in pictures.iter().enumerate() {
        assert!(e.push(p, i as f64 * 100.0).unwrap(), "picture {i} differs");
    }
    let shown = composed(&e.finish(300.0));
    assert_eq!(shown.len(), 3);
    for (i, (got, want)) in shown.iter().zip(&pictures).enumerate() {
        assert!(
            got == want,
            "frame {i} shows what was pushed (interface colours are exact)"
        );
    }
}

#[test]
fn an_unchanged_picture_lengthens_the_frame_before_instead_of_adding_one() {
    let (w, h) = (40, 30);
    let a = frame(w, h, WHITE, &[]);
    let b = frame(w, h, WHITE, &[(0, 0, 4, BAD)]);
    let mut e = Encoder::new(40, 30).unwrap();
    assert!(e.push(&a, 1000.0).unwrap());
    assert!(!e.push(&a, 1100.0).unwrap(), "the same picture again");
    assert!(!e.push(&a, 1200.0).unwrap());
    assert!(e.push(&b, 1300.0).unwrap());
    assert_eq!(e.frames(), 2);
    let (.., frames) = decode(&e.finish(1450.0));
    let delays: Vec<u16> = frames.iter().map(|f| f.delay).collect();
    assert_eq!(delays, [30, 15], "shown for 300 ms, then 150 ms [cs]");
}

#[test]
fn delays_follow_the_capture_clock_without_drifting() {
    let (w, h) = (8, 8);
    let mut e = Encoder::new(8, 8).unwrap();
    // Captured every 104 ms: 10.4 cs each, so delays of 10 and 11 cs keep the total right.
    for i in 0..10 {
        let c = if i % 2 == 0 { WHITE } else { BAD };
        e.push(&frame(w, h, c, &[]), 5000.0 + f64::from(i) * 104.0)
            .unwrap();
    }
    let (.., frames) = decode(&e.finish(5000.0 + 1040.0));
    let total: u32 = frames.iter().map(|f| u32::from(f.delay)).sum();
    assert_eq!(total, 104, "1040 ms in all [cs]");
    assert!(frames.iter().all(|f| f.delay == 10 || f.delay == 11));
}

#[test]
fn a_differenced_frame_covers_only_the_change_with_the_rest_transparent() {
    let (w, h) = (200, 100);
    let mut e = Encoder::new(200, 100).unwrap();
    e.push(&frame(w, h, WHITE, &[(50, 20, 10, P50)]), 0.0)
        .unwrap();
    // The green square turns red and a dot appears further right.
    e.push(
        &frame(w, h, WHITE, &[(50, 20, 10, BAD), (120, 40, 2, BAD)]),
        100.0,
    )
    .unwrap();
    let (.., frames) = decode(&e.finish(200.0));
    assert_eq!(
        frames[0].rect,
        Rect {
            x: 0,
            y: 0,
            w: 200,
            h: 100
        },
        "first frame whole"
    );
    assert_eq!(
        frames[1].rect,
        Rect {
            x: 50,
            y: 20,
            w: 72,
            h: 22
        },
        "the changed box only"
    );
    assert_eq!(frames[1].transparent, Some(TRANSPARENT));
    let clear = frames[1]
        .indices
        .iter()
        .filter(|&&i| i == TRANSPARENT)
        .count();
    assert_eq!(
        clear,
        72 * 22 - 100 - 4,
        "all but the changed pixels are transparent"
    );
}

#[test]
fn the_palette_holds_the_interface_colours_exactly_and_maps_others_nearby() {
    let colours = palette::colours();
    assert_eq!(colours.len(), palette::COLOURS);
    assert_eq!(palette::table().len(), 768);
    let mut q = Quantizer::new();
    for c in [
        WHITE, 0x000000, HEAT_5, BAD, P50, 0xeaf6ec, 0x1f6feb, 0x59636e, 0x151b23,
    ] {
        let i = q.index(c) as usize;
        assert_eq!(colours[i], c, "{c:06x} is in the palette as it is");
        assert_ne!(i, TRANSPARENT as usize);
    }
    // Any colour lands within a cube step's half of itself on every channel.
    for c in (0..0x100_0000u32).step_by(9973) {
        let p = colours[q.index(c) as usize];
        for shift in [16, 8, 0] {
            let (a, b) = ((c >> shift) & 255, (p >> shift) & 255);
            assert!(a.abs_diff(b) <= 40, "{c:06x} -> {p:06x}");
        }
    }
    // The cache answers as the search does.
    let mut fresh = Quantizer::new();
    for c in (0..0x100_0000u32).step_by(65_537) {
        assert_eq!(q.index(c), fresh.index(c));
    }
}

#[test]
fn the_change_box_of_equal_frames_is_none() {
    let a = vec![3u8; 50];
    assert_eq!(diff::changed(&a, &a, 10), None);
    let mut b = a.clone();
    b[23] = 4;
    b[41] = 4;
    assert_eq!(
        diff::changed(&a, &b, 10),
        Some(Rect {
            x: 1,
            y: 2,
            w: 3,
            h: 3
        })
    );
}

#[test]
fn lzw_survives_a_full_table_and_long_runs() {
    // Noise fills the 4096-code table several times over (clear codes); runs make long codes.
    let mut x: u32 = 12345;
    let mut pixels: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % 200) as u8
        })
        .collect();
    pixels.extend(std::iter::repeat_n(7u8, 100_000));
    let (w, h) = (500usize, 600usize);
    let mut file = Vec::new();
    file.extend_from_slice(b"GIF89a");
    file.extend_from_slice(&(w as u16).to_le_bytes());
    file.extend_from_slice(&(h as u16).to_le_bytes());
    file.extend_from_slice(&[0xF7, 0, 0]);
    file.extend_from_slice(&palette::table());
    file.push(0x2C);
    for v in [0u16, 0, w as u16, h as u16] {
        file.extend_from_slice(&v.to_le_bytes());
    }
    file.push(0);
    lzw::encode(&pixels, 8, &mut file);
    file.push(0x3B);
    let (.., frames) = decode(&file);
    assert!(frames[0].indices == pixels, "LZW round trip");
}

#[test]
fn a_dashboard_like_recording_stays_small() {
    // 800 x 600, 100 frames, a moving dot and a chart growing one column a frame: what Record
    // makes of a quiet run. Frame differencing keeps each frame to its few changed pixels.
    let (w, h) = (800, 600);
    let mut e = Encoder::new(800, 600).unwrap();
    for i in 0..100usize {
        let mut squares = vec![(40, 40, 120, 0xeaf6ec), (300, 40, 120, 0xffdf9e)];
        squares.push((170 + i % 120, 98, 6, 0x1f6feb));
        for c in 0..=i {
            squares.push((100 + c * 6, 500 - (c * 7) % 80, 4, P50));
        }
        e.push(&frame(w, h, WHITE, &squares), i as f64 * 100.0)
            .unwrap();
    }
    let gif = e.finish(10_000.0);
    assert!(gif.len() < 200_000, "{} bytes", gif.len());
    assert_eq!(composed(&gif).len(), 100);
}

#[test]
fn bad_sizes_are_refused_with_what_was_wrong() {
    assert_eq!(
        Encoder::new(0, 10).err(),
        Some(Error::Dimensions {
            width: 0,
            height: 10
        })
    );
    assert!(Encoder::new(70_000, 10).is_err());
    let mut e = Encoder::new(4, 4).unwrap();
    let err = e.push(&[0; 10], 0.0).unwrap_err();
    assert_eq!(
        err,
        Error::FrameSize {
            expected: 64,
            got: 10
        }
    );
    assert!(err.to_string().contains("64 bytes"), "{err}");
}
