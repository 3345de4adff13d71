-- Full-text search over directives, tasks and progress reports (DESIGN §7).
-- Hand-written: drizzle-kit does not manage virtual tables.
--
-- The application writes FOLDED text here (lower case, no diacritics, đ → d:
-- app/domain/text.ts foldVietnamese), because SQLite's own diacritic removal
-- leaves đ alone. Rows are keyed by rowid = id * 4 + kind (0 directive, 1 task,
-- 2 progress report) so one row can be replaced without scanning the index.
-- app/models/search.server.ts keeps it in sync in the same transaction as each
-- write, and rebuilds it when it is empty but the tables are not.
CREATE VIRTUAL TABLE search_index USING fts5(
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
