//! The GIF89a file: header, logical screen, the fixed palette as global colour table, a loop
//! forever, then one graphic-control extension and image per frame, and the trailer.
//!
//! Frames are written as they arrive except the newest, held back until the next one (or the
//! end) says how long it stays on screen: each frame's delay is the wall time until the next
//! picture that differs, so the GIF plays at the speed it was recorded whatever frames were
//! dropped, and a frame equal to the one before costs nothing.

use std::fmt;

use crate::diff::{self, Rect};
use crate::lzw;
use crate::palette::{self, Quantizer, TRANSPARENT};

/// Browsers show frames shorter than this as 100 ms ones [centiseconds].
const MIN_DELAY_CS: u64 = 2;

/// What the encoder refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Width and height must each be 1 to 65535 px.
    Dimensions { width: u32, height: u32 },
    /// A frame's RGBA buffer is not `width * height * 4` bytes.
    FrameSize { expected: usize, got: usize },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Dimensions { width, height } => write!(
                f,
                "a GIF is 1 to 65535 px each way, not {width} x {height} px"
            ),
            Error::FrameSize { expected, got } => write!(
                f,
                "a frame must be {expected} bytes of RGBA (width x height x 4), not {got}"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// A frame waiting for its delay: where it goes, its indices, when it was captured [ms].
struct Held {
    rect: Rect,
    pixels: Vec<u8>,
    differenced: bool,
    at_ms: f64,
}

/// An animated GIF being written, one frame at a time.
pub struct Encoder {
    out: Vec<u8>,
    width: usize,
    height: usize,
    quantizer: Quantizer,
    /// What a viewer sees after every frame so far, held one included [palette indices].
    shown: Vec<u8>,
    /// The newest frame's indices; kept to reuse its memory.
    next: Vec<u8>,
    /// The last frame's RGBA: a pixel that did not change keeps its index unlooked-up.
    last: Vec<u8>,
    held: Option<Held>,
    /// When the first frame was captured [ms]; delays count from it.
    start_ms: Option<f64>,
    /// Where the last written frame ended on the GIF's clock [centiseconds].
    written_cs: u64,
    frames: u32,
}

impl Encoder {
    /// A GIF `width` x `height` px that loops forever; its header is written at once.
    pub fn new(width: u32, height: u32) -> Result<Self, Error> {
        let ok = |v: u32| (1..=u32::from(u16::MAX)).contains(&v);
        if !ok(width) || !ok(height) {
            return Err(Error::Dimensions { width, height });
        }
        let mut out = Vec::with_capacity(64 * 1024);
        out.extend_from_slice(b"GIF89a");
        out.extend_from_slice(&(width as u16).to_le_bytes());
        out.extend_from_slice(&(height as u16).to_le_bytes());
        // A global table of 256 colours (size field 7), 8 bits a primary, background 0, square
        // pixels.
        out.extend_from_slice(&[0xF7, 0, 0]);
        out.extend_from_slice(&palette::table());
        // NETSCAPE2.0: loop forever (count 0).
        out.extend_from_slice(b"\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00");
        let size = width as usize * height as usize;
        Ok(Self {
            out,
            width: width as usize,
            height: height as usize,
            quantizer: Quantizer::new(),
            shown: vec![0; size],
            next: Vec::with_capacity(size),
            last: Vec::new(),
            held: None,
            start_ms: None,
            written_cs: 0,
            frames: 0,
        })
    }

    /// Adds the picture captured at `at_ms` [ms, any clock that only moves forward], RGBA row
    /// by row. Returns whether it differed from the last one (an equal one only lengthens it).
    pub fn push(&mut self, rgba: &[u8], at_ms: f64) -> Result<bool, Error> {
        let expected = self.width * self.height * 4;
        if rgba.len() != expected {
            return Err(Error::FrameSize {
                expected,
                got: rgba.len(),
            });
        }
        let mut next = std::mem::take(&mut self.next);
        if self.last.len() == rgba.len() {
            // Most of a dashboard is the same from frame to frame: map only what changed.
            next.clear();
            let pairs = rgba.chunks_exact(4).zip(self.last.chunks_exact(4));
            for ((px, old), &shown) in pairs.zip(&self.shown) {
                next.push(if px == old {
                    shown
                } else {
                    let rgb = u32::from(px[0]) << 16 | u32::from(px[1]) << 8 | u32::from(px[2]);
                    self.quantizer.index(rgb)
                });
            }
        } else {
            self.quantizer.map(rgba, &mut next);
        }
        self.last.clear();
        self.last.extend_from_slice(rgba);
        let frame = if self.is_empty() {
            self.start_ms = Some(at_ms);
            self.shown.copy_from_slice(&next);
            let whole = Rect {
                x: 0,
                y: 0,
                w: self.width,
                h: self.height,
            };
            Some((whole, next.clone(), false))
        } else {
            diff::changed(&self.shown, &next, self.width).map(|rect| {
                let pixels = diff::patch(&mut self.shown, &next, self.width, rect, TRANSPARENT);
                (rect, pixels, true)
            })
        };
        self.next = next;
        let Some((rect, pixels, differenced)) = frame else {
            return Ok(false);
        };
        self.write_held(at_ms);
        self.held = Some(Held {
            rect,
            pixels,
            differenced,
            at_ms,
        });
        Ok(true)
    }

    /// The file so far [bytes], the held frame not counted.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether no frame has been pushed yet.
    pub fn is_empty(&self) -> bool {
        self.frames() == 0
    }

    /// Frames written or held.
    pub fn frames(&self) -> u32 {
        self.frames + u32::from(self.held.is_some())
    }

    /// The finished file; the last frame stays on screen until `end_ms`.
    pub fn finish(mut self, end_ms: f64) -> Vec<u8> {
        self.write_held(end_ms);
        self.out.push(0x3B);
        self.out
    }

    /// Writes the held frame, shown until `until_ms`.
    fn write_held(&mut self, until_ms: f64) {
        let Some(h) = self.held.take() else { return };
        let start = self.start_ms.unwrap_or(h.at_ms);
        // Rounded on the GIF's own clock, so delays of 10.4 cs do not drift by 4 cs a frame.
        let end_cs = ((until_ms - start).max(0.0) / 10.0).round() as u64;
        let delay = end_cs.saturating_sub(self.written_cs).max(MIN_DELAY_CS);
        self.written_cs += delay;
        let delay = delay.min(u64::from(u16::MAX)) as u16;
        // Graphic control: leave the frame in place for the next to draw over (disposal 1),
        // with TRANSPARENT transparent in differenced frames.
        let packed = 1 << 2 | u8::from(h.differenced);
        self.out.extend_from_slice(&[0x21, 0xF9, 4, packed]);
        self.out.extend_from_slice(&delay.to_le_bytes());
        self.out.extend_from_slice(&[TRANSPARENT, 0]);
        // Image descriptor: position and size, no local colour table, not interlaced.
        self.out.push(0x2C);
        for v in [h.rect.x, h.rect.y, h.rect.w, h.rect.h] {
            self.out.extend_from_slice(&(v as u16).to_le_bytes());
        }
        self.out.push(0);
        lzw::encode(&h.pixels, 8, &mut self.out);
        self.frames += 1;
    }
}
