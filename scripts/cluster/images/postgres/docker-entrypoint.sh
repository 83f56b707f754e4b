#!/bin/bash
# labs stand-in for the official postgres:15 entrypoint, running Debian bookworm's PostgreSQL 15.
#
# `postgres` (or arguments starting with "-") starts the server. Started as root, it makes PGDATA and the socket
# directory the postgres user's (uid 999) and runs again as that user. On a PGDATA without PG_VERSION it first
# initialises a cluster: initdb with POSTGRES_USER (default postgres) as superuser and POSTGRES_PASSWORD,
# POSTGRES_INITDB_ARGS; password logins over the network ("host all all all", scram-sha-256 unless
# POSTGRES_HOST_AUTH_METHOD says otherwise); a server on the Unix socket only, which creates POSTGRES_DB (default:
# the user's name) and runs /docker-entrypoint-initdb.d/*.sh, *.sql, *.sql.gz, *.sql.xz, then stops. *_FILE variants
# of POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB and POSTGRES_INITDB_ARGS are read too. Anything else is run as is.
# One addition: directories above PGDATA are made enterable (see own_directories).
set -Eeo pipefail
shopt -s nullglob

log()   { printf '%s [entrypoint] %s\n' "$(date '+%Y-%m-%d %H:%M:%S %Z')" "$*"; }
fatal() { printf '%s\n' "$@" >&2; exit 1; }

# from_file VAR [DEFAULT]: VAR, or the contents of the file VAR_FILE names, or DEFAULT.
from_file() {
	local var=$1 file="${1}_FILE" value=${2:-}
	if [ -n "${!var:-}" ] && [ -n "${!file:-}" ]; then fatal "error: both $var and $file are set (but are exclusive)"; fi
	if [ -n "${!var:-}" ]; then value=${!var}; elif [ -n "${!file:-}" ]; then value=$(<"${!file}"); fi
	export "$var=$value"
	unset "$file"
}

wants_help() {
	local a
	for a; do case "$a" in -'?'|--help|--describe-config|-V|--version) return 0 ;; esac; done
	return 1
}

# As root: PGDATA (mode 0700) and the socket directory belong to postgres.
own_directories() {
	mkdir -p "$PGDATA"
	chmod 0700 "$PGDATA" || :
	mkdir -p /var/run/postgresql || :
	chmod 3775 /var/run/postgresql || :
	if [ "$(id -u)" = 0 ]; then
		find "$PGDATA" /var/run/postgresql \! -user postgres -exec chown postgres:postgres '{}' +
		# Not upstream's: a volume provisioned root-owned 0750 (a hostPath provisioner's) would keep postgres out of a
		# PGDATA below its mount point, where a 0777 volume (kind's local-path) lets it in. Directories above PGDATA
		# that others cannot enter become enterable (o+x), nothing more.
		local d=$PGDATA
		while d=$(dirname "$d") && [ "$d" != / ]; do
			find "$d" -maxdepth 0 \! -perm -o+x -exec chmod o+x '{}' +
		done
	fi
}

# psql as the superuser on the Unix socket, stopping at the first error.
sql() {
	PGHOST= PGHOSTADDR= psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

initialise() {
	if [ -z "$POSTGRES_PASSWORD" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
		fatal "Error: Database is uninitialized and superuser password is not specified." \
			"       You must specify POSTGRES_PASSWORD to a non-empty value for the" \
			"       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\"." \
			"" \
			"       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all" \
			"       connections without a password. This is *not* recommended."
	fi
	# Fails early on an unreadable directory, before anything is half done.
	ls /docker-entrypoint-initdb.d/ >/dev/null
	log "initialising $PGDATA for superuser $POSTGRES_USER"
	# initdb refuses an empty --pwfile: a newline makes the empty password of POSTGRES_HOST_AUTH_METHOD=trust.
	# shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS holds several arguments
	initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") $POSTGRES_INITDB_ARGS
	local method=${POSTGRES_HOST_AUTH_METHOD:-$(postgres -C password_encryption "${@:2}")}
	printf '\nhost all all all %s\n' "$method" >>"$PGDATA/pg_hba.conf"

	export PGPASSWORD=${PGPASSWORD:-$POSTGRES_PASSWORD}
	# Only the Unix socket while setting up: nothing on the network sees a half-made database.
	PGUSER=${PGUSER:-$POSTGRES_USER} pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p ${PGPORT:-5432}" -w start
	# psql fills in :'db' and :"db" only in what it reads, not in -c.
	if [ -z "$(sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")" ]; then
		sql --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
		log "created database $POSTGRES_DB"
	fi
	local f
	for f in /docker-entrypoint-initdb.d/*; do
		case "$f" in
		*.sh)
			log "running $f"
			# shellcheck disable=SC1090
			if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
		*.sql)    log "running $f"; sql --dbname "$POSTGRES_DB" -f "$f" ;;
		*.sql.gz) log "running $f"; gunzip -c "$f" | sql --dbname "$POSTGRES_DB" ;;
		*.sql.xz) log "running $f"; xzcat "$f" | sql --dbname "$POSTGRES_DB" ;;
		*)        log "ignoring $f" ;;
		esac
	done
	PGUSER=${PGUSER:-$POSTGRES_USER} pg_ctl -D "$PGDATA" -m fast -w stop
	unset PGPASSWORD
	log "PostgreSQL init process complete; ready for start up."
}

if [ "${1:0:1}" = '-' ]; then
	set -- postgres "$@"
fi

if [ "${1:-}" = postgres ] && ! wants_help "$@"; then
	export PGDATA=${PGDATA:-/var/lib/postgresql/data}
	from_file POSTGRES_PASSWORD
	from_file POSTGRES_USER postgres
	from_file POSTGRES_DB "$POSTGRES_USER"
	from_file POSTGRES_INITDB_ARGS
	: "${POSTGRES_HOST_AUTH_METHOD:=}"
	own_directories
	if [ "$(id -u)" = 0 ]; then
		# PostgreSQL does not run as root: the same script again, as postgres.
		HOME=/var/lib/postgresql exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
	fi
	if [ -s "$PGDATA/PG_VERSION" ]; then
		log "PostgreSQL Database directory appears to contain a database; Skipping initialization"
	else
		initialise "$@"
	fi
fi

exec "$@"
