//! Phrases of findings about the narrative.
