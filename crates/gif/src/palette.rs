//! One fixed palette of 256 colours for every frame: Scaleboard's own interface colours exactly
//! (node heat, failures, chart series, ink and grid, light and dark charts), a 6x6x6 colour
//! cube for everything else (antialiased edges, the lesson's odd colour) and extra greys for
//! antialiased text. A fixed palette needs no analysis pass over the frames, so frames can be
//! encoded as they arrive, and an unchanged pixel keeps its index from frame to frame, which is
//! what makes frame differencing pay. No dithering: a dashboard is flat colour, and dither noise
//! would defeat both LZW and differencing.

/// Colours in the palette, index 0 first; [`TRANSPARENT`] is the one slot left over.
pub const COLOURS: usize = 255;
/// The palette index that means "as in the frame before" in a differenced frame.
pub const TRANSPARENT: u8 = 255;

/// The interface's colours (static/style.css and src/run/charts.rs), so they come out exact.
const INTERFACE: [u32; 30] = [
    // Page, ink, lines (light theme; the recorded diagram is drawn light).
    0xf6f8fa, 0x1f2328, 0x59636e, 0xd1d9e0, 0x1f6feb, 0x8c959f, 0x6e7781, 0xe6eaef,
    // A data center's fill and dashed border over white.
    0xf4f8fe, 0x9abef6, // Failures, success.
    0xcf222e, 0xffebe9, 0x1a7f37, 0xfcdee0, // Utilisation heat-0 .. heat-5.
    0xeaf6ec, 0xd3efd6, 0xfbf1c7, 0xffdf9e, 0xffbf99, 0xff8f8f,
    // Chart series: p50 / ok, p95 / timeouts, node down, session lost, replica lag.
    0x2ea043, 0xd29922, 0x8250df, 0xdb61a2, 0x8957e5,
    // Charts in the dark theme: background, ink, grid, marker, failing windows.
    0x151b23, 0x9198a1, 0x2a313c, 0xff7b72, 0x4e2228,
];
/// Greys between the cube's six (which are multiples of 51), for antialiased text.
const GREYS: [u8; 9] = [17, 34, 68, 85, 119, 136, 170, 187, 221];

/// The palette as `0xRRGGBB`, `COLOURS` long.
pub fn colours() -> Vec<u32> {
    let mut all = Vec::with_capacity(COLOURS);
    all.extend_from_slice(&INTERFACE);
    for r in 0..6u32 {
        for g in 0..6u32 {
            for b in 0..6u32 {
                all.push((r * 51) << 16 | (g * 51) << 8 | (b * 51));
            }
        }
    }
    all.extend(GREYS.iter().map(|&v| u32::from(v) * 0x010101));
    debug_assert_eq!(all.len(), COLOURS);
    all
}

/// The global colour table as the file stores it: 256 RGB triples (the transparent slot white).
pub fn table() -> Vec<u8> {
    let mut t: Vec<u8> = colours()
        .iter()
        .flat_map(|c| [(c >> 16) as u8, (c >> 8) as u8, *c as u8])
        .collect();
    t.extend_from_slice(&[255, 255, 255]);
    t
}

/// Slots of the colour cache: a power of two [entries]; 16 Ki entries hold the few thousand
/// colours an antialiased dashboard frame has, in 80 KiB.
const CACHE_SLOTS: usize = 1 << 14;

/// Maps RGB colours to their nearest palette index, remembering each answer: a frame has a few
/// thousand distinct colours among its half a million pixels.
pub struct Quantizer {
    palette: Vec<[i32; 3]>,
    /// Direct-mapped: `(colour | 1 << 24, index)`, key 0 when empty.
    cache: Vec<(u32, u8)>,
}

impl Default for Quantizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Quantizer {
    pub fn new() -> Self {
        let palette = colours()
            .iter()
            .map(|c| {
                [
                    (c >> 16) as i32 & 255,
                    (c >> 8) as i32 & 255,
                    *c as i32 & 255,
                ]
            })
            .collect();
        Self {
            palette,
            cache: vec![(0, 0); CACHE_SLOTS],
        }
    }

    /// The palette index nearest to `0xRRGGBB`.
    pub fn index(&mut self, rgb: u32) -> u8 {
        let key = (rgb & 0xff_ffff) | 1 << 24;
        // Fibonacci hashing spreads neighbouring colours over the slots.
        let slot = (key.wrapping_mul(0x9e37_79b9) >> 18) as usize & (CACHE_SLOTS - 1);
        let (k, i) = self.cache[slot];
        if k == key {
            return i;
        }
        let i = self.nearest(rgb);
        self.cache[slot] = (key, i);
        i
    }

    /// Every pixel of an RGBA buffer (alpha ignored: frames are drawn opaque) into `out`.
    pub fn map(&mut self, rgba: &[u8], out: &mut Vec<u8>) {
        out.clear();
        out.reserve(rgba.len() / 4);
        // Runs of one colour are the rule in a dashboard: skip the cache for them.
        let mut last = (u32::MAX, 0u8);
        for px in rgba.chunks_exact(4) {
            let rgb = u32::from(px[0]) << 16 | u32::from(px[1]) << 8 | u32::from(px[2]);
            if rgb != last.0 {
                last = (rgb, self.index(rgb));
            }
            out.push(last.1);
        }
    }

    /// A linear search, weighted roughly as the eye weighs red, green and blue.
    fn nearest(&self, rgb: u32) -> u8 {
        let (r, g, b) = (
            (rgb >> 16) as i32 & 255,
            (rgb >> 8) as i32 & 255,
            rgb as i32 & 255,
        );
        let mut best = (i32::MAX, 0usize);
        for (i, p) in self.palette.iter().enumerate() {
            let (dr, dg, db) = (p[0] - r, p[1] - g, p[2] - b);
            let d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if d < best.0 {
                best = (d, i);
                if d == 0 {
                    break;
                }
            }
        }
        best.1 as u8
    }
}
