//! Teaching and practising with Scaleboard: presenter mode (the canvas on the whole screen,
//! large live tiles, the lesson as a caption, keys a presentation clicker sends), and challenges
//! (a brief, a design to fix, Check with a grade per objective, result links that reproduce).

pub mod challenges;
pub mod keys;
pub mod link;
pub mod presenter;
