//! Vocabulary of the narrative: subjects, measures, scopes, change and share words.
