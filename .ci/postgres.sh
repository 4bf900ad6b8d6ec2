#!/usr/bin/env bash
# postgres.sh starts and stops a throwaway PostgreSQL cluster for the tests:
# a temporary directory, a free port on 127.0.0.1 only, trust
# authentication from 127.0.0.1 only, run as an unprivileged user (the
# 'postgres' system user when called as root, else you).
#
#   eval "$(.ci/postgres.sh start)"      # prints the export lines below
#   go test ./...                        # the PostgreSQL tests now run
#   .ci/postgres.sh stop                 # stops it and removes the directory
#
# start prints:
#   export JOBSTATS_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/jobstats_test?sslmode=disable
#   export JOBSTATS_PG_DIR=/tmp/jobstats-pg.XXXXXX
# stop takes that directory from JOBSTATS_PG_DIR (or as its argument).
#
# Without a server binary, start installs Debian's (apt-get install -y
# postgresql) when run as root, else says how. The cluster trades
# durability for speed (fsync off) unless PG_DURABLE=1, which benchmarks
# set so that their commits cost what they cost in production.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

bindir() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
	if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
	if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
}

install_server() {
	[[ $(id -u) -eq 0 ]] || die "no PostgreSQL server found: install it (sudo apt-get install -y postgresql) and run again"
	echo "postgres.sh: installing Debian's PostgreSQL server" >&2
	# Only the binaries: no system cluster that starts at boot.
	mkdir -p /etc/postgresql-common
	[[ -e /etc/postgresql-common/createcluster.conf ]] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# as runs a command as the cluster's owner.
as() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"; return
		fi
	done
	die "no free port found on 127.0.0.1"
}

start() {
	local bin dir port
	bin=$(bindir)
	if [[ -z "$bin" ]]; then
		install_server
		bin=$(bindir)
		[[ -n "$bin" ]] || die "installed postgresql, but found no initdb"
	fi
	if [[ $(id -u) -eq 0 ]]; then
		id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/jobstats-pg.XXXXXX")
	chmod 755 "$dir"
	[[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
	as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' | as tee "$dir/data/pg_hba.conf" >/dev/null
	local durable=()
	if [[ "${PG_DURABLE:-}" != 1 ]]; then
		durable=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
	fi
	for attempt in 1 2 3 4 5; do
		port=$(free_port)
		if as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
			-o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=300 ${durable[*]}" >/dev/null; then
			break
		fi
		[[ $attempt -eq 5 ]] && { cat "$dir/server.log" >&2; die "pg_ctl start failed"; }
	done
	as "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres jobstats_test
	echo "export JOBSTATS_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/jobstats_test?sslmode=disable'"
	echo "export JOBSTATS_PG_DIR='$dir'"
	echo "export JOBSTATS_PG_BIN='$bin'"
}

stop() {
	local dir=${1:-${JOBSTATS_PG_DIR:-}} bin
	[[ -n "$dir" ]] || die "stop: which cluster? set JOBSTATS_PG_DIR or pass its directory"
	[[ -d "$dir/data" ]] || { rm -rf "$dir"; return; }
	bin=$(bindir)
	as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) die "usage: postgres.sh start | stop [DIR]" ;;
esac
