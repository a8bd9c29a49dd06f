package store_test

import (
	"testing"

	"github.com/attune-desk/attune/store"
	"github.com/attune-desk/attune/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		storetest.Run(t, db, clock)
	})
}
