//! Teaching a room with Scaleboard: presenter mode (the canvas on the whole screen, large live
//! tiles, the lesson as a caption, keys a presentation clicker sends).

pub mod keys;
pub mod presenter;
