#!/bin/bash
# labs stand-in for the official mysql:8.0 entrypoint, running Debian's MariaDB 10.11.
#
# Honors MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD,
# MYSQL_ROOT_HOST, MYSQL_DATABASE, MYSQL_USER, MYSQL_PASSWORD (also *_FILE and
# MARIADB_* spellings) and /docker-entrypoint-initdb.d/*.{sh,sql,sql.gz}.
# The server runs as root (--user=root): volumes are provisioned root-owned 0750.
set -eo pipefail
shopt -s nullglob

log()   { printf '%s [Note] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*"; }
warn()  { printf '%s [Warn] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; }
error() { printf '%s [ERROR] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; exit 1; }

# file_env VAR [DEFAULT]: VAR, VAR_FILE, MARIADB_* alias of MYSQL_*
file_env() {
	local var=$1 def=${2:-} alt="MARIADB_${1#MYSQL_}"
	local fvar="${var}_FILE" afvar="${alt}_FILE" val=$def
	if [ -n "${!var:-}" ] && [ -n "${!fvar:-}" ]; then
		error "both $var and $fvar are set (but are exclusive)"
	fi
	if [ -n "${!var:-}" ]; then val=${!var}
	elif [ -n "${!fvar:-}" ]; then val=$(<"${!fvar}")
	elif [ -n "${!alt:-}" ]; then val=${!alt}
	elif [ -n "${!afvar:-}" ]; then val=$(<"${!afvar}")
	fi
	export "$var"="$val"
	unset "$fvar" "$alt" "$afvar"
}

sql_escape() { local s=${1//\\/\\\\}; printf '%s' "${s//\'/\\\'}"; }
ident_escape() { printf '%s' "${1//\`/\`\`}"; }

# MySQL-8-only server options that MariaDB would refuse to start with.
filter_args() {
	FILTERED=()
	local a
	for a in "$@"; do
		case "$a" in
		--default-authentication-plugin=*|--default_authentication_plugin=*|\
		--mysql-native-password=*|--mysql_native_password=*|\
		--authentication-policy=*|--authentication_policy=*|\
		--mysqlx=*|--mysqlx-*|--mysqlx_*|--skip-mysqlx|\
		--binlog-expire-logs-seconds=*|--binlog_expire_logs_seconds=*)
			warn "ignoring MySQL 8 option not supported by this MariaDB stand-in: $a" ;;
		--collation-server=*_0900_*|--collation_server=*_0900_*)
			warn "MariaDB 10.11 has no ${a#*=}; using utf8mb4_unicode_ci"
			FILTERED+=("--collation-server=utf8mb4_unicode_ci") ;;
		*) FILTERED+=("$a") ;;
		esac
	done
}

SOCKET=/run/mysqld/mysqld.sock
INIT_SOCKET=/run/mysqld/init.sock

init_database() {
	local datadir=$1; shift
	file_env MYSQL_ROOT_PASSWORD
	file_env MYSQL_ALLOW_EMPTY_PASSWORD
	file_env MYSQL_RANDOM_ROOT_PASSWORD
	file_env MYSQL_ROOT_HOST '%'
	file_env MYSQL_DATABASE
	file_env MYSQL_USER
	file_env MYSQL_PASSWORD
	if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "$MYSQL_ALLOW_EMPTY_PASSWORD" ] && [ -z "$MYSQL_RANDOM_ROOT_PASSWORD" ]; then
		error $'Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD'
	fi
	if [ -n "$MYSQL_RANDOM_ROOT_PASSWORD" ] && [ -z "$MYSQL_ROOT_PASSWORD" ]; then
		MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)
		log "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
	fi

	log "Initializing database files in $datadir"
	mariadb-install-db --user=root --datadir="$datadir" --basedir=/usr \
		--auth-root-authentication-method=normal --skip-test-db \
		--skip-log-bin --default-time-zone=SYSTEM --enforce-storage-engine= \
		--expire-logs-days=0 --cross-bootstrap >/tmp/install-db.log 2>&1 \
		|| { cat /tmp/install-db.log >&2; error "mariadb-install-db failed"; }
	log "Database files initialized"

	log "Starting temporary server"
	mariadbd --user=root --datadir="$datadir" --skip-networking --skip-log-bin \
		--socket="$INIT_SOCKET" --pid-file=/run/mysqld/init.pid --default-time-zone=SYSTEM \
		"$@" &
	local pid=$! _
	for _ in $(seq 60); do
		if mariadb-admin --socket="$INIT_SOCKET" -uroot --connect-timeout=1 ping >/dev/null 2>&1; then break; fi
		kill -0 "$pid" 2>/dev/null || error "temporary server failed to start"
		sleep 0.5
	done
	mariadb-admin --socket="$INIT_SOCKET" -uroot ping >/dev/null 2>&1 || error "temporary server did not answer"
	log "Temporary server started"

	local rootpw host db user upw
	rootpw=$(sql_escape "$MYSQL_ROOT_PASSWORD")
	host=$(sql_escape "$MYSQL_ROOT_HOST")
	{
		echo "SET @@SESSION.SQL_LOG_BIN=0;"
		echo "SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');"
		# only root@localhost (+ root@MYSQL_ROOT_HOST below) and MariaDB's system accounts
		echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1', ''@'localhost';"
		echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
		echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS \\'\\'@\\'', @@hostname, '\\'');"
		echo "DROP DATABASE IF EXISTS test;"
		if [ -n "$MYSQL_ROOT_HOST" ] && [ "$MYSQL_ROOT_HOST" != localhost ]; then
			echo "CREATE USER IF NOT EXISTS 'root'@'$host' IDENTIFIED BY '$rootpw';"
			echo "GRANT ALL ON *.* TO 'root'@'$host' WITH GRANT OPTION;"
			echo "GRANT PROXY ON ''@'%' TO 'root'@'$host' WITH GRANT OPTION;"
		fi
		if [ -n "$MYSQL_DATABASE" ]; then
			db=$(ident_escape "$MYSQL_DATABASE")
			echo "CREATE DATABASE IF NOT EXISTS \`$db\`;"
		fi
		if [ -n "$MYSQL_USER" ] && [ "$MYSQL_USER" != root ]; then
			user=$(sql_escape "$MYSQL_USER"); upw=$(sql_escape "$MYSQL_PASSWORD")
			echo "CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$upw';"
			if [ -n "$MYSQL_DATABASE" ]; then
				echo "GRANT ALL ON \`$(ident_escape "$MYSQL_DATABASE")\`.* TO '$user'@'%';"
			fi
		elif [ "$MYSQL_USER" = root ]; then
			warn "MYSQL_USER=root is ignored (use MYSQL_ROOT_PASSWORD)"
		fi
		echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$rootpw';"
		echo "FLUSH PRIVILEGES;"
	} | mariadb --protocol=socket --socket="$INIT_SOCKET" -uroot --binary-mode \
		|| error "setting up users/databases failed"

	export MYSQL_PWD=$MYSQL_ROOT_PASSWORD
	local client=(mariadb --protocol=socket --socket="$INIT_SOCKET" -uroot)
	[ -n "$MYSQL_DATABASE" ] && client+=("--database=$MYSQL_DATABASE")
	local f
	for f in /docker-entrypoint-initdb.d/*; do
		# shellcheck disable=SC1090
		case "$f" in
		*.sh)     log "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
		*.sql)    log "running $f"; "${client[@]}" < "$f" ;;
		*.sql.gz) log "running $f"; gunzip -c "$f" | "${client[@]}" ;;
		*.sql.xz) log "running $f"; xzcat "$f" | "${client[@]}" ;;
		*)        log "ignoring $f" ;;
		esac
	done

	log "Stopping temporary server"
	mariadb-admin --socket="$INIT_SOCKET" -uroot shutdown || kill "$pid"
	wait "$pid" || true
	unset MYSQL_PWD
	rm -f /tmp/install-db.log
	log "Temporary server stopped; MySQL (MariaDB) init process done. Ready for start up."
}

# first arg is `-f` or `--some-option`: run the server with it
if [ "${1:0:1}" = '-' ]; then
	set -- mysqld "$@"
fi

case "${1:-}" in
mysqld|mariadbd|/usr/sbin/mysqld|/usr/sbin/mariadbd)
	shift
	filter_args "$@"
	set -- "${FILTERED[@]}"
	# --help/--version style invocations: pass straight through
	for a in "$@"; do
		case "$a" in -'?'|--help|--verbose|-V|--version) exec mariadbd "$@" ;; esac
	done
	DATADIR=$(mariadbd --user=root "$@" --verbose --help 2>/dev/null | awk '$1 == "datadir" { print $2; exit }')
	DATADIR=${DATADIR:-/var/lib/mysql/}
	DATADIR=${DATADIR%/}
	mkdir -p "$DATADIR" /run/mysqld
	rm -f "$SOCKET" "$SOCKET.lock" "$INIT_SOCKET" "$INIT_SOCKET.lock" /run/mysqld/*.pid
	if [ ! -d "$DATADIR/mysql" ]; then
		init_database "$DATADIR" "$@"
	else
		log "Database files already present in $DATADIR: skipping initialization"
	fi
	exec mariadbd --user=root "$@"
	;;
esac

exec "$@"
