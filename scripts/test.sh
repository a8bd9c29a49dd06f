#!/usr/bin/env bash
# Runs Attune's whole test suite against a real SQLite file and a throwaway PostgreSQL
# cluster on 127.0.0.1, plus browser tests in Debian's Chromium when it can be had.
# Under CI=true, a PostgreSQL or Chromium that cannot be started fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
ci() { [ "${CI:-}" = "true" ]; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
	if is_root && command -v apt-get >/dev/null 2>&1; then
		log "installing $* from Debian's packages"
		if [ -z "${APT_UPDATED:-}" ]; then
			apt-get update -qq >&2 || true
			APT_UPDATED=1
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
	else
		return 1
	fi
}

pg_bindir() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	done
	if command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return 0
	fi
	return 1
}

PGTMP=""
PGBIN=""
stop_pg() {
	if [ -n "$PGTMP" ] && [ -d "$PGTMP/data" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	[ -n "$PGTMP" ] && rm -rf "$PGTMP"
}
trap stop_pg EXIT

as_pg() {
	if is_root; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start_pg() {
	PGBIN=$(pg_bindir) || { apt_install postgresql && PGBIN=$(pg_bindir); } || return 1
	if is_root && ! id postgres >/dev/null 2>&1; then
		useradd --system --no-create-home postgres
	fi
	PGTMP=$(mktemp -d /tmp/attune-pg.XXXXXX)
	is_root && chown postgres "$PGTMP"
	as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$PGTMP/initdb.log" 2>&1 || {
		cat "$PGTMP/initdb.log" >&2
		return 1
	}
	local try port
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 30000))
		if as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -w -l "$PGTMP/server.log" \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $PGTMP -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
			export ATTUNE_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
			return 0
		fi
	done
	cat "$PGTMP/server.log" >&2 || true
	return 1
}

find_chrome() {
	local c
	for c in "${ATTUNE_TEST_CHROME:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
		if [ -n "$c" ] && [ -x "$c" ]; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

if [ -n "${ATTUNE_TEST_POSTGRES:-}" ]; then
	log "using the PostgreSQL in ATTUNE_TEST_POSTGRES"
elif ! start_pg; then
	if ci; then
		log "PostgreSQL could not start, and CI=true requires it"
		exit 1
	fi
	log "PostgreSQL could not start: its tests will be skipped"
	unset ATTUNE_TEST_POSTGRES
fi

if CHROME=$(find_chrome) || { apt_install chromium fonts-dejavu-core && CHROME=$(find_chrome); }; then
	export ATTUNE_TEST_CHROME="$CHROME"
	log "browser tests use $CHROME"
elif ci; then
	log "Chromium could not be installed, and CI=true requires the browser tests"
	exit 1
else
	log "Chromium is missing: browser tests will be skipped"
fi

log "go vet ./..."
go vet ./...
log "go test -race ./..."
go test -race -timeout 25m -count=1 ./...
