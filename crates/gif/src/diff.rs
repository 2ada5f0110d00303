//! Frame differencing: only the rectangle that changed since the frame before is stored, and
//! inside it every pixel that did not change is transparent. A dashboard changes in a few
//! places per frame (a chart's newest column, a node's colour, the moving dots), so frames after
//! the first cost a fraction of a full one, and long transparent runs compress to almost
//! nothing under LZW.

/// A rectangle of pixels [px from the top-left corner].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub w: usize,
    pub h: usize,
}

/// The smallest rectangle holding every pixel where `a` and `b` differ, two frames of palette
/// indices `width` pixels wide; `None` when they are the same.
pub fn changed(a: &[u8], b: &[u8], width: usize) -> Option<Rect> {
    if width == 0 || a.len() != b.len() {
        return None;
    }
    let rows = a.chunks_exact(width).zip(b.chunks_exact(width));
    let mut found: Option<(usize, usize, usize, usize)> = None;
    for (y, (ra, rb)) in rows.enumerate() {
        if ra == rb {
            continue;
        }
        // The first and last differing column of this row.
        let left = ra.iter().zip(rb).position(|(p, q)| p != q).unwrap_or(0);
        let right = width
            - 1
            - ra.iter()
                .zip(rb)
                .rev()
                .position(|(p, q)| p != q)
                .unwrap_or(0);
        found = Some(match found {
            None => (left, y, right, y),
            Some((l, t, r, _)) => (l.min(left), t, r.max(right), y),
        });
    }
    found.map(|(l, t, r, b)| Rect {
        x: l,
        y: t,
        w: r - l + 1,
        h: b - t + 1,
    })
}

/// The pixels of `next` inside `rect`, row by row, with those equal in `shown` replaced by
/// `transparent`; and `shown` updated to `next` there, so it stays what a viewer sees.
pub fn patch(shown: &mut [u8], next: &[u8], width: usize, rect: Rect, transparent: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(rect.w * rect.h);
    for y in rect.y..rect.y + rect.h {
        let row = y * width + rect.x..y * width + rect.x + rect.w;
        for (s, &n) in shown[row.clone()].iter_mut().zip(&next[row]) {
            if *s == n {
                out.push(transparent);
            } else {
                out.push(n);
                *s = n;
            }
        }
    }
    out
}
