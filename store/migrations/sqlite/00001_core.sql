-- +goose Up
CREATE TABLE agents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
    password_hash TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE teams (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE team_members (
    team_id  INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, agent_id)
);

CREATE TABLE customers (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT    NOT NULL,
    preferred_name      TEXT    NOT NULL DEFAULT '',
    email               TEXT    NOT NULL UNIQUE,
    phone               TEXT    NOT NULL DEFAULT '',
    language            TEXT    NOT NULL DEFAULT '',
    timezone            TEXT    NOT NULL DEFAULT '',
    tags                TEXT    NOT NULL DEFAULT '[]',
    attributes          TEXT    NOT NULL DEFAULT '{}',
    notes               TEXT    NOT NULL DEFAULT '',
    remember            TEXT    NOT NULL DEFAULT '[]',
    conversations_count INTEGER NOT NULL DEFAULT 0,
    last_contact_at     INTEGER,
    sentiment_sum       REAL    NOT NULL DEFAULT 0,
    sentiment_n         INTEGER NOT NULL DEFAULT 0,
    last_satisfaction   INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX customers_name ON customers (name);

CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    subject           TEXT    NOT NULL,
    customer_id       INTEGER NOT NULL REFERENCES customers (id),
    channel           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    assignee_id       INTEGER REFERENCES agents (id),
    team_id           INTEGER REFERENCES teams (id),
    tags              TEXT    NOT NULL DEFAULT '[]',
    priority          INTEGER NOT NULL DEFAULT 0,
    priority_reasons  TEXT    NOT NULL DEFAULT '[]',
    mood              TEXT    NOT NULL DEFAULT '',
    sentiment         REAL,
    snippet           TEXT    NOT NULL DEFAULT '',
    message_count     INTEGER NOT NULL DEFAULT 0,
    satisfaction      INTEGER,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    last_message_at   INTEGER NOT NULL,
    waiting_since     INTEGER,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    snoozed_until     INTEGER
);
CREATE INDEX conversations_status_priority ON conversations (status, priority DESC, id DESC);
CREATE INDEX conversations_status_last ON conversations (status, last_message_at DESC, id DESC);
CREATE INDEX conversations_customer ON conversations (customer_id, created_at);
CREATE INDEX conversations_assignee ON conversations (assignee_id, status);
CREATE INDEX conversations_last ON conversations (last_message_at DESC, id DESC);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_kind     TEXT    NOT NULL CHECK (author_kind IN ('customer', 'agent', 'system')),
    author_id       INTEGER,
    author_name     TEXT    NOT NULL DEFAULT '',
    body            TEXT    NOT NULL,
    internal        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      INTEGER NOT NULL,
    sentiment       REAL,
    mood            TEXT    NOT NULL DEFAULT '',
    analysis        TEXT,
    coaching        TEXT,
    coach_score     INTEGER
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

CREATE TABLE sessions (
    id_hash      TEXT    PRIMARY KEY,
    agent_id     INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agent_id     INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);

CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT    NOT NULL,
    addr  TEXT    NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_addr ON login_failures (addr, at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_kind TEXT    NOT NULL,
    actor_id   INTEGER,
    actor_name TEXT    NOT NULL DEFAULT '',
    action     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    subject_id INTEGER NOT NULL,
    detail     TEXT    NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, subject_id, id);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE messages;
DROP TABLE conversations;
DROP TABLE customers;
DROP TABLE team_members;
DROP TABLE teams;
DROP TABLE agents;
