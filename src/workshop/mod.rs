//! Workshop features built on the editor: challenges (a brief, a design to fix, Check with a
//! grade per objective, result links that reproduce).

pub mod challenges;
pub mod link;
