//! The one home of the reading vocabulary: every Chinese term, title pattern, label synonym,
//! extraction repair and list-number rule the parser recognises, each entry named, documented and
//! tested. Other modules of the parser ask these functions; nothing downstream of the parser
//! (reconcile, report) reads Chinese labels again: it reads the typed model.

pub mod facts;
pub mod headers;
pub mod narrative;
pub mod ordinals;
pub mod residue;
pub mod tables;
pub mod titles;
