//! Share links: the whole scenario in the URL fragment, deflated (miniz_oxide) and written in
//! base64url, so a 20-node diagram stays a few hundred characters and never reaches a server.
//! Opening a damaged link explains what is wrong in a sentence; nothing is half-loaded.

use scaleboard_sim::Scenario;

/// The fragment's key: `#s=<base64url of the deflated JSON>`.
pub const KEY: &str = "s=";
/// A comparison's second design follows the first: `#s=<A>&c=<B>`.
pub const COMPARE_KEY: &str = "c=";
/// One design of a comparison open in the editor, the other kept to go back to:
/// `#s=<edited>&c=<other>&e=a` (or `e=b`: which side the edited one is).
pub const EDIT_KEY: &str = "e=";
/// A link may not inflate to more than this [bytes]: a hostile link cannot exhaust memory.
const MAX_JSON: usize = 4 * 1024 * 1024;
/// Deflate level: the best, links are short and compressing is instant at this size.
const LEVEL: u8 = 9;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5).
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decode base64url (padding and standard `+/` tolerated); the error names the first bad place.
pub fn b64_decode(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (i, c) in text.trim_end_matches('=').bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(format!(
                    "it has a character that does not belong in a link at position {}",
                    i + 1
                ))
            }
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// The fragment payload (without `#s=`) for `doc`.
pub fn encode(doc: &Scenario) -> String {
    let json = serde_json::to_string(doc).unwrap_or_default();
    b64_encode(&miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        LEVEL,
    ))
}

/// The scenario in a fragment payload, or a readable sentence and details saying what is wrong.
/// Sentences are in `t`'s language; the model's diagnostics stay English.
pub fn decode(payload: &str, t: &crate::i18n::Text) -> Result<Scenario, (String, Vec<String>)> {
    let damaged = |why: String| (t.share_damaged.to_string(), vec![why]);
    if payload.is_empty() {
        return Err(damaged(t.share_empty.into()));
    }
    let bytes = b64_decode(payload).map_err(damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_JSON)
        .map_err(|_| damaged(t.share_cut.into()))?;
    let text = String::from_utf8(json).map_err(|_| damaged(t.share_not_text.into()))?;
    scaleboard_sim::parse(&text).map_err(|ds| {
        (
            t.share_unreadable.to_string(),
            ds.iter().map(|d| d.to_string()).collect(),
        )
    })
}

/// The payload of `#s=...` in a location hash, if the hash is a share link (up to a
/// comparison's `&c=`; base64url has no `&`).
pub fn payload_of(hash: &str) -> Option<&str> {
    let rest = hash.strip_prefix('#').unwrap_or(hash).strip_prefix(KEY)?;
    Some(rest.split('&').next().unwrap_or(rest))
}

/// Which side of a comparison the link's design is, when it opens it in the editor (`&e=a` or
/// `&e=b`; `true` for B).
pub fn edit_side_of(hash: &str) -> Option<bool> {
    compare_payload_of(hash)?;
    hash.split('&')
        .find_map(|part| part.strip_prefix(EDIT_KEY))
        .and_then(|side| match side {
            "a" => Some(false),
            "b" => Some(true),
            _ => None,
        })
}

/// The payload of a comparison's second design, `&c=...`, if the hash carries one.
pub fn compare_payload_of(hash: &str) -> Option<&str> {
    payload_of(hash)?;
    hash.split('&')
        .find_map(|part| part.strip_prefix(COMPARE_KEY))
}
