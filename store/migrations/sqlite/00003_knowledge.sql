-- +goose Up
-- The knowledge base: articles and FAQ entries, their revisions, what readers made of
-- them, and the searches that found nothing.
CREATE TABLE kb_articles (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,              -- Markdown
    plain        TEXT    NOT NULL DEFAULT '',   -- the body as plain text, for search and snippets
    keywords     TEXT    NOT NULL DEFAULT '',   -- tags and category as words, for search
    tags         TEXT    NOT NULL DEFAULT '[]',
    category     TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    author_id    INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL DEFAULT '',
    revision     INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX kb_articles_status ON kb_articles (status, category);
CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id DESC);

-- Full-text index over the article table (external content), kept in step by triggers.
-- The porter tokenizer stems English words; remove_diacritics lets cafe find café.
CREATE VIRTUAL TABLE kb_fts USING fts5(
    title, keywords, plain,
    content = 'kb_articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_fts (rowid, title, keywords, plain) VALUES (new.id, new.title, new.keywords, new.plain);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, keywords, plain) VALUES ('delete', old.id, old.title, old.keywords, old.plain);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER kb_articles_fts_update AFTER UPDATE OF title, keywords, plain ON kb_articles BEGIN
    INSERT INTO kb_fts (kb_fts, rowid, title, keywords, plain) VALUES ('delete', old.id, old.title, old.keywords, old.plain);
    INSERT INTO kb_fts (rowid, title, keywords, plain) VALUES (new.id, new.title, new.keywords, new.plain);
END;
-- +goose StatementEnd

-- Readers' figures live apart from the article, so counting a view never touches the index.
CREATE TABLE kb_article_stats (
    article_id  INTEGER PRIMARY KEY REFERENCES kb_articles (id) ON DELETE CASCADE,
    views       INTEGER NOT NULL DEFAULT 0,
    helpful     INTEGER NOT NULL DEFAULT 0,
    not_helpful INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE kb_revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '[]',
    category    TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL,
    author_id   INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    author_name TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    UNIQUE (article_id, revision)
);

-- The indexed vocabulary, for typo correction and completion: how many articles, and
-- how many published ones, hold each word.
CREATE TABLE kb_terms (
    term         TEXT    PRIMARY KEY,
    df           INTEGER NOT NULL DEFAULT 0,
    df_published INTEGER NOT NULL DEFAULT 0
);

-- generation counts changes to the articles, so every replica knows when its cached
-- vocabulary is stale.
CREATE TABLE kb_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL DEFAULT 0
);
INSERT INTO kb_state (id, generation) VALUES (1, 0);

-- An article a customer opened from the portal form while writing. sent_at is set when
-- that browser sends its message after all; until then it counts as deflected.
CREATE TABLE kb_deflections (
    token      TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    opened_at  INTEGER NOT NULL,
    sent_at    INTEGER
);
CREATE INDEX kb_deflections_article ON kb_deflections (article_id, sent_at);

CREATE TABLE kb_search_misses (
    query     TEXT    PRIMARY KEY,
    count     INTEGER NOT NULL DEFAULT 0,
    anonymous INTEGER NOT NULL DEFAULT 0,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL
);
CREATE INDEX kb_search_misses_count ON kb_search_misses (count DESC, last_at DESC);

-- +goose Down
DROP TABLE kb_search_misses;
DROP TABLE kb_deflections;
DROP TABLE kb_state;
DROP TABLE kb_terms;
DROP TABLE kb_revisions;
DROP TABLE kb_article_stats;
DROP TRIGGER kb_articles_fts_update;
DROP TRIGGER kb_articles_fts_delete;
DROP TRIGGER kb_articles_fts_insert;
DROP TABLE kb_fts;
DROP TABLE kb_articles;
