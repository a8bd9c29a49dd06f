-- +goose Up
-- The knowledge base: articles and FAQ entries, their revisions, what readers made of
-- them, and the searches that found nothing.
CREATE TABLE kb_articles (
    id           BIGSERIAL PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,              -- Markdown
    plain        TEXT    NOT NULL DEFAULT '',   -- the body as plain text, for search and snippets
    keywords     TEXT    NOT NULL DEFAULT '',   -- tags and category as words, for search
    tags         TEXT    NOT NULL DEFAULT '[]',
    category     TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    author_id    BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL DEFAULT '',
    revision     BIGINT  NOT NULL DEFAULT 1,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    published_at BIGINT,
    -- The full-text vector, weighted title A, tags and category B, body D, stemmed by
    -- the english configuration.
    search       tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, title), 'A') ||
        setweight(to_tsvector('english'::regconfig, keywords), 'B') ||
        setweight(to_tsvector('english'::regconfig, plain), 'D')
    ) STORED
);
CREATE INDEX kb_articles_status ON kb_articles (status, category);
CREATE INDEX kb_articles_updated ON kb_articles (updated_at DESC, id DESC);
CREATE INDEX kb_articles_search ON kb_articles USING GIN (search);

-- Readers' figures live apart from the article, so counting a view never recomputes
-- the search vector.
CREATE TABLE kb_article_stats (
    article_id  BIGINT PRIMARY KEY REFERENCES kb_articles (id) ON DELETE CASCADE,
    views       BIGINT NOT NULL DEFAULT 0,
    helpful     BIGINT NOT NULL DEFAULT 0,
    not_helpful BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE kb_revisions (
    id          BIGSERIAL PRIMARY KEY,
    article_id  BIGINT  NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    revision    BIGINT  NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '[]',
    category    TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL,
    author_id   BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    author_name TEXT    NOT NULL DEFAULT '',
    created_at  BIGINT  NOT NULL,
    UNIQUE (article_id, revision)
);

-- The indexed vocabulary, for typo correction and completion: how many articles, and
-- how many published ones, hold each word.
CREATE TABLE kb_terms (
    term         TEXT   PRIMARY KEY,
    df           BIGINT NOT NULL DEFAULT 0,
    df_published BIGINT NOT NULL DEFAULT 0
);

-- generation counts changes to the articles, so every replica knows when its cached
-- vocabulary is stale.
CREATE TABLE kb_state (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL DEFAULT 0
);
INSERT INTO kb_state (id, generation) VALUES (1, 0);

-- An article a customer opened from the portal form while writing. sent_at is set when
-- that browser sends its message after all; until then it counts as deflected.
CREATE TABLE kb_deflections (
    token      TEXT   PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    opened_at  BIGINT NOT NULL,
    sent_at    BIGINT
);
CREATE INDEX kb_deflections_article ON kb_deflections (article_id, sent_at);

CREATE TABLE kb_search_misses (
    query     TEXT   PRIMARY KEY,
    count     BIGINT NOT NULL DEFAULT 0,
    anonymous BIGINT NOT NULL DEFAULT 0,
    first_at  BIGINT NOT NULL,
    last_at   BIGINT NOT NULL
);
CREATE INDEX kb_search_misses_count ON kb_search_misses (count DESC, last_at DESC);

-- +goose Down
DROP TABLE kb_search_misses;
DROP TABLE kb_deflections;
DROP TABLE kb_state;
DROP TABLE kb_terms;
DROP TABLE kb_revisions;
DROP TABLE kb_article_stats;
DROP TABLE kb_articles;
