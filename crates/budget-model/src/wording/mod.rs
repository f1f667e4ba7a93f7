//! The fixed phrases findings are written in (Chinese, as the documents are), one named entry
//! each, so that the reconciliation rules hold no Chinese literal of their own.

pub mod narrative;
pub mod reading;
pub mod tables;
pub mod template;
pub mod years;
