// Package attune holds Attune's domain: the help desk's customers, conversations, messages and
// agents, the service interfaces the adapters implement, and the one error type every layer
// speaks. It imports the standard library only; everything else points inward to it.
package attune

import "time"

// Version is the release of this build; the linker may overwrite it.
var Version = "0.1.0-dev"

// Clock tells the time. Services take one so tests can control it.
type Clock func() time.Time
