//! The variable-width LZW of GIF (code size 2..=8 in, codes of 3..=12 bits out), packed least
//! significant bit first into sub-blocks of at most 255 bytes, as an image's data is stored.
//! The order of width changes follows the classic `compress`-derived GIF encoders, which every
//! decoder reads: the width grows after writing a code once the next free code no longer fits.

/// Codes are at most this wide [bits].
const MAX_BITS: u32 = 12;
/// Slots of the string table's hash: a power of two, twice the 4096 codes, so probes stay short.
const HASH_SLOTS: usize = 8192;

/// Writes `pixels` (each below `1 << min_code_size`) as one image's data into `out`: the
/// minimum code size, the sub-blocks and the empty block that ends them.
pub fn encode(pixels: &[u8], min_code_size: u8, out: &mut Vec<u8>) {
    let min = u32::from(min_code_size.clamp(2, 8));
    out.push(min as u8);
    let mut w = Bits::new(out);
    let clear = 1u32 << min;
    let end = clear + 1;
    let mut width = min + 1;
    let mut next = clear + 2;
    // (prefix code << 8 | byte) + 1, 0 when empty; and the code each key maps to.
    let mut keys = vec![0u32; HASH_SLOTS];
    let mut codes = vec![0u16; HASH_SLOTS];
    w.put(clear, width);
    let Some((&first, rest)) = pixels.split_first() else {
        w.put(end, width);
        w.finish();
        return;
    };
    let mut prefix = u32::from(first);
    for &byte in rest {
        let key = (prefix << 8 | u32::from(byte)) + 1;
        let mut slot = (key.wrapping_mul(0x9e37_79b9) >> 19) as usize & (HASH_SLOTS - 1);
        let mut hit = None;
        while keys[slot] != 0 {
            if keys[slot] == key {
                hit = Some(codes[slot]);
                break;
            }
            slot = (slot + 1) & (HASH_SLOTS - 1);
        }
        if let Some(code) = hit {
            prefix = u32::from(code);
            continue;
        }
        w.put(prefix, width);
        // The classic rule: widen once the next free code needs one bit more.
        if next >= 1 << width && width < MAX_BITS {
            width += 1;
        }
        prefix = u32::from(byte);
        if next < 1 << MAX_BITS {
            keys[slot] = key;
            codes[slot] = next as u16;
            next += 1;
        } else {
            // Table full: start afresh (a deferred clear would save a little, at more code).
            w.put(clear, width);
            keys.iter_mut().for_each(|k| *k = 0);
            width = min + 1;
            next = clear + 2;
        }
    }
    w.put(prefix, width);
    if next >= 1 << width && width < MAX_BITS {
        width += 1;
    }
    w.put(end, width);
    w.finish();
}

/// Bits packed low first into bytes, the bytes cut into length-prefixed sub-blocks.
struct Bits<'a> {
    out: &'a mut Vec<u8>,
    acc: u32,
    n: u32,
    block: [u8; 255],
    len: usize,
}

impl<'a> Bits<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        Self {
            out,
            acc: 0,
            n: 0,
            block: [0; 255],
            len: 0,
        }
    }

    fn put(&mut self, code: u32, width: u32) {
        self.acc |= code << self.n;
        self.n += width;
        while self.n >= 8 {
            self.byte(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    fn byte(&mut self, b: u8) {
        self.block[self.len] = b;
        self.len += 1;
        if self.len == self.block.len() {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.len > 0 {
            self.out.push(self.len as u8);
            self.out.extend_from_slice(&self.block[..self.len]);
            self.len = 0;
        }
    }

    fn finish(mut self) {
        if self.n > 0 {
            self.byte(self.acc as u8);
        }
        self.flush();
        self.out.push(0);
    }
}
