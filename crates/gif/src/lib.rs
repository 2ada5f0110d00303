//! Animated GIF89a for Scaleboard's *Record*: frames of RGBA pixels in, a looping GIF out,
//! encoded frame by frame as they arrive so the page never waits for a whole recording.
//!
//! Small on purpose (it ships in the page's wasm, whose size has a budget): a fixed palette
//! that holds the interface's own colours exactly ([`palette`]), each frame reduced to the
//! rectangle that changed with unchanged pixels transparent ([`diff`]), and the format's LZW
//! ([`lzw`]). Pure Rust with no dependencies, tested natively against the `gif` crate's decoder.

pub mod diff;
pub mod encoder;
pub mod lzw;
pub mod palette;

pub use encoder::{Encoder, Error};
