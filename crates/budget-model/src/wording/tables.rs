//! Phrases of findings about tables.
