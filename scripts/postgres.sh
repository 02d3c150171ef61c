#!/usr/bin/env bash
# A private PostgreSQL for this checkout: `scripts/postgres.sh start|stop|status DATA_DIR PORT`.
# Runs as the `postgres` OS user when invoked as root (initdb refuses root). Loopback only.
set -euo pipefail

find_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/$name" ]; then echo "$dir/$name"; return 0; fi
  done
  return 1
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: postgres.sh start|stop|status DATA_DIR PORT}
data=${2:?data dir}
port=${3:-54329}

case "$cmd" in
  available)
    find_bin initdb >/dev/null && find_bin pg_ctl >/dev/null
    ;;
  start)
    initdb=$(find_bin initdb) || { echo "initdb not found (apt-get install -y postgresql)" >&2; exit 1; }
    pg_ctl=$(find_bin pg_ctl)
    mkdir -p "$data"
    if [ "$(id -u)" = 0 ]; then chown postgres "$data"; fi
    chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_pg "$initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if as_pg "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
      echo "PostgreSQL already running in $data"
    else
      as_pg "$pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200" start >/dev/null
    fi
    ;;
  stop)
    pg_ctl=$(find_bin pg_ctl)
    if [ -f "$data/PG_VERSION" ]; then as_pg "$pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  status)
    pg_ctl=$(find_bin pg_ctl)
    as_pg "$pg_ctl" -D "$data" status
    ;;
  *)
    echo "unknown command $cmd" >&2; exit 2
    ;;
esac
