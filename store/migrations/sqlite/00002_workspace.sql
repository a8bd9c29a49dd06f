-- +goose Up
-- The agent workspace and the customer portal: private portal links, saved replies,
-- follow-ups, who is typing, shared rate limits and the key that signs public forms.
CREATE TABLE portal_links (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    token_hash      TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);
CREATE INDEX portal_links_conversation ON portal_links (conversation_id);

CREATE TABLE macros (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE follow_ups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    agent_id        INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    note            TEXT    NOT NULL DEFAULT '',
    due_at          INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);
CREATE INDEX follow_ups_due ON follow_ups (done_at, due_at);
CREATE INDEX follow_ups_conversation ON follow_ups (conversation_id, due_at);

CREATE INDEX conversations_snoozed ON conversations (status, snoozed_until);
-- The inbox sorts the open queue by priority plus waiting time: this index covers the
-- filter and the sort key, so the sort reads no table rows.
CREATE INDEX conversations_queue ON conversations (status, priority, waiting_since);

CREATE TABLE typing (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_kind     TEXT    NOT NULL,
    at              INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, author_kind)
);

CREATE TABLE rate_hits (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket TEXT    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX rate_hits_bucket ON rate_hits (bucket, at);

CREATE TABLE form_keys (
    name       TEXT    PRIMARY KEY,
    secret     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

-- Saved replies Attune ships with, written for Attune. Teams edit or remove them.
INSERT INTO macros (name, body, created_at, updated_at) VALUES
('Warm greeting', 'Hi {{customer.first_name}},

Thank you for writing to us, and I''m sorry you''ve had to. I''m {{agent.first_name}}, and I''ll stay with this until it''s sorted.

', 0, 0),
('Checking in after a fix', 'Hi {{customer.first_name}},

I wanted to check in now that the fix is in place. Is everything working the way it should on your side? If anything still feels off, just reply here and I''ll pick it straight back up.

Warmly,
{{agent.name}}', 0, 0),
('Refund on its way', 'Hi {{customer.first_name}},

I''ve started your refund just now. Banks usually show it within 3 to 5 working days; if it hasn''t arrived by then, reply here and I''ll chase it personally.

I''m sorry for the worry this caused.

{{agent.name}}', 0, 0),
('Need a little more detail', 'Hi {{customer.first_name}},

I want to get this right for you, so could you tell me a little more? What were you trying to do when it happened, and roughly when was it?

Thank you for bearing with me,
{{agent.first_name}}', 0, 0),
('Closing the loop', 'Hi {{customer.first_name}},

It sounds like we''re all set on "{{conversation.subject}}". I''ll mark this as resolved, but it stays open to you: just reply and it comes straight back to me.

Take care,
{{agent.name}}', 0, 0);

-- +goose Down
DROP TABLE form_keys;
DROP TABLE rate_hits;
DROP TABLE typing;
DROP INDEX conversations_queue;
DROP INDEX conversations_snoozed;
DROP TABLE follow_ups;
DROP TABLE macros;
DROP TABLE portal_links;
