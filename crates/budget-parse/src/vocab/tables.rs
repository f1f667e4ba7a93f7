//! Vocabulary of tables: titles, header words, row labels and their roles.
