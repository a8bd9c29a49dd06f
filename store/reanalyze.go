package store

import (
	"context"
	"database/sql"

	"github.com/attune-desk/attune"
)

// ReanalyzeResult counts what a re-analysis changed.
type ReanalyzeResult struct {
	Conversations int
	Messages      int
}

// Reanalyze re-reads stored customer messages with a, after a model change: each message's
// analysis, each conversation's mood and priority, and each customer's average sentiment.
// Unless all is set, only messages read by another model version are redone. It works a
// conversation per transaction, so it can be stopped and run again safely.
func (s *ConversationService) Reanalyze(ctx context.Context, a attune.Analyzer, all bool, progress func(done, total int)) (ReanalyzeResult, error) {
	var res ReanalyzeResult
	q := `SELECT DISTINCT conversation_id FROM messages WHERE author_kind = 'customer'`
	var args []any
	if !all {
		q += ` AND ` + staleAnalysis
		args = append(args, modelPattern(a.Version()))
	}
	rows, err := s.db.reader().query(ctx, q+" ORDER BY conversation_id", args...)
	if err != nil {
		return res, wrapErr(err, "conversation")
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return res, wrapErr(err, "conversation")
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, wrapErr(err, "conversation")
	}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return res, wrapErr(err, "conversation")
		}
		n, err := s.reanalyzeConversation(ctx, a, id)
		if err != nil {
			return res, err
		}
		res.Conversations++
		res.Messages += n
		if progress != nil {
			progress(i+1, len(ids))
		}
	}
	if len(ids) > 0 {
		err = s.db.tx(ctx, func(c conn) error {
			_, err := c.exec(ctx, `UPDATE customers SET
				sentiment_sum = COALESCE((SELECT SUM(m.sentiment) FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
					WHERE cv.customer_id = customers.id AND m.author_kind = 'customer' AND m.sentiment IS NOT NULL), 0),
				sentiment_n = (SELECT COUNT(m.sentiment) FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
					WHERE cv.customer_id = customers.id AND m.author_kind = 'customer')`)
			return err
		})
	}
	return res, wrapErr(err, "customer")
}

// staleAnalysis matches a customer message whose analysis is missing or was made by a model
// other than the one modelPattern names.
const staleAnalysis = `(analysis IS NULL OR analysis NOT LIKE ?)`

// modelPattern is the LIKE pattern of an analysis made by the model version.
func modelPattern(version string) string { return `%"model":` + jsonText(version) + `}%` }

// StaleAnalyses counts the customer messages that the emotion model of this version did not
// read (read by an older model, or never read): what `attune reanalyze` would redo.
func (s *ConversationService) StaleAnalyses(ctx context.Context, version string) (int, error) {
	var n int
	err := s.db.reader().queryRow(ctx, `SELECT COUNT(*) FROM messages WHERE author_kind = 'customer' AND `+staleAnalysis,
		modelPattern(version)).Scan(&n)
	return n, wrapErr(err, "message")
}

func (s *ConversationService) reanalyzeConversation(ctx context.Context, a attune.Analyzer, convID int64) (int, error) {
	n := 0
	err := s.db.tx(ctx, func(c conn) error {
		var customerID int64
		var channel attune.Channel
		if err := c.queryRow(ctx, "SELECT customer_id, channel FROM conversations WHERE id = ?", convID).Scan(&customerID, &channel); err != nil {
			return err
		}
		rows, err := c.query(ctx, "SELECT id, body FROM messages WHERE conversation_id = ? AND author_kind = 'customer' ORDER BY id", convID)
		if err != nil {
			return err
		}
		type msg struct {
			id   int64
			body string
		}
		var msgs []msg
		for rows.Next() {
			var m msg
			if err := rows.Scan(&m.id, &m.body); err != nil {
				rows.Close()
				return err
			}
			msgs = append(msgs, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var latest *attune.Analysis
		for _, m := range msgs {
			an := a.Analyze(m.body)
			latest = &an
			if _, err := c.exec(ctx, "UPDATE messages SET analysis = ?, sentiment = ?, mood = ? WHERE id = ?", jsonText(an), an.Sentiment, an.Mood, m.id); err != nil {
				return err
			}
			n++
		}
		if latest != nil {
			if _, err := c.exec(ctx, "UPDATE conversations SET mood = ?, sentiment = ? WHERE id = ?", latest.Mood, sql.NullFloat64{Float64: latest.Sentiment, Valid: true}, convID); err != nil {
				return err
			}
		}
		return s.reprioritize(ctx, c, convID, customerID, channel, latest, s.db.now())
	})
	return n, wrapErr(err, "conversation")
}
