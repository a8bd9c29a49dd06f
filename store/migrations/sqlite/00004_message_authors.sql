-- +goose Up
-- The priority of a conversation is rescored on every message from its latest customer
-- messages and the latest agent reply: index messages by author within a conversation so
-- those look-ups stay small however long the thread grows.
CREATE INDEX messages_conversation_author ON messages (conversation_id, author_kind, id);

-- +goose Down
DROP INDEX messages_conversation_author;
