#!/usr/bin/env bash
# The order feed's delivery to one consumer (samples/OrderFeedConsumer), standalone: `bench/feed.sh [EVENTS]`.
#
# A private PostgreSQL with the shop's schema; pgbench writes EVENTS feed rows from 8 connections, one transaction each
# (as the order statements do), while one consumer reads from the start and prints each event as a JSON line. Reports
# the write rate, the events per second delivered to the consumer, its lag once the writes stop, and the rate of a
# second consumer catching up on the whole feed from the start. No silo runs: this measures the feed, not placement.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-50000}
port=${BENCH_FEED_PG_PORT:-55498}
data=$(mktemp -d /tmp/shop-feed-bench.XXXXXX)
[ "$(id -u)" = 0 ] && chmod 755 "$data"
consumer_pid=

log() { printf '[feed bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d "${2:-shop}" -v ON_ERROR_STOP=1 -qtAc "$1"; }
now() { date +%s.%N; }
rate() { awk "BEGIN { printf \"%.0f\", $1 / ($3 - $2) }"; }
lines() { [ -f "$1" ] && wc -l <"$1" || echo 0; }

cleanup() {
  [ -n "$consumer_pid" ] && kill "$consumer_pid" 2>/dev/null || true
  scripts/postgres.sh stop "$data/pg" "$port" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

# wait_for FILE COUNT: until the consumer has printed COUNT lines (10 minutes at most).
wait_for() {
  local deadline=$((SECONDS + 600))
  until [ "$(lines "$1")" -ge "$2" ]; do
    [ "$SECONDS" -lt "$deadline" ] || { log "only $(lines "$1") of $2 events arrived"; exit 1; }
    sleep 0.05
  done
}

consume() { # OUTPUT: a consumer from the start, in the background
  ConnectionStrings__Postgres="$conn" Logging__LogLevel__Default=Warning \
    dotnet samples/OrderFeedConsumer/bin/Release/net10.0/OrderFeedConsumer.dll \
    --from start --position "$1.position" >"$1" 2>"$1.log" &
  consumer_pid=$!
}

log "building Silo and samples/OrderFeedConsumer (Release)"
for project in Silo/Silo.csproj samples/OrderFeedConsumer/OrderFeedConsumer.csproj; do
  dotnet build "$project" -c Release -v q -nologo >"$data/build.log" 2>&1 || { tail -30 "$data/build.log" >&2; exit 1; }
done

log "starting PostgreSQL on 127.0.0.1:$port"
scripts/postgres.sh start "$data/pg" "$port" >/dev/null
sql "CREATE DATABASE shop" postgres
conn="Host=127.0.0.1;Port=$port;Database=shop;Username=postgres"
(cd Silo/bin/Release/net10.0 && ConnectionStrings__Postgres="$conn" dotnet Silo.dll migrate >"$data/migrate.log" 2>&1) \
  || { cat "$data/migrate.log" >&2; exit 1; }

# About the size of a real OrderPlaced payload.
cat >"$data/insert.sql" <<'SQL'
\set order_id random(1, 1000000000)
INSERT INTO order_feed (type, order_id, user_id, version, occurred_at, payload)
VALUES ('order.placed', :order_id, :client_id, 1, now(),
        jsonb_build_object('order_id', :order_id, 'user_id', :client_id, 'items',
          '[{"sku":"BOOK","quantity":1,"unit_price":9.5}]'::jsonb, 'total', 9.5, 'currency', 'EUR',
          'placed_at', now(), 'version', 1));
SQL

consume "$data/live.jsonl"
sleep 2
log "writing $events events with pgbench (8 connections) while one consumer reads"
start=$(now)
pgbench -h 127.0.0.1 -p "$port" -U postgres -n -c 8 -j 2 -t $((events / 8)) -f "$data/insert.sql" shop >"$data/pgbench.log" 2>&1 \
  || { cat "$data/pgbench.log" >&2; exit 1; }
written=$(now)
total=$(sql "SELECT count(*) FROM order_feed")
wait_for "$data/live.jsonl" "$total"
delivered=$(now)
kill "$consumer_pid"; wait "$consumer_pid" 2>/dev/null || true

log "a second consumer catches up on all $total events from the start"
consume "$data/catchup.jsonl"
catchup_start=$(now)
wait_for "$data/catchup.jsonl" "$total"
caught_up=$(now)

printf '| feed, one consumer | value |\n| --- | --- |\n'
printf '| events written (one transaction each, 8 connections) | %s at %s/s |\n' "$total" "$(rate "$total" "$start" "$written")"
printf '| delivered to one consumer while written | %s/s |\n' "$(rate "$total" "$start" "$delivered")"
printf '| lag: last event printed after the last write | %s s |\n' "$(awk "BEGIN { printf \"%.2f\", $delivered - $written }")"
printf '| catch-up from the start (includes process start) | %s/s |\n' "$(rate "$total" "$catchup_start" "$caught_up")"
# For bench/run.sh's table.
echo "RESULT events=$total write_per_s=$(rate "$total" "$start" "$written") live_per_s=$(rate "$total" "$start" "$delivered") lag_s=$(awk "BEGIN { printf \"%.2f\", $delivered - $written }") catchup_per_s=$(rate "$total" "$catchup_start" "$caught_up")"
