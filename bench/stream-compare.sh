#!/usr/bin/env bash
# Streaming.AdoNet against our Streaming.Postgres (bench/README.md, "Streaming.AdoNet against our provider").
# `ADONET_SQL=path/PostgreSQL-Streaming.sql bench/stream-compare.sh [EVENTS] [STREAMS]`
# ADONET_SQL is upstream's script for the provider (dotnet/orleans, src/AdoNet/Orleans.Streaming.AdoNet/
# PostgreSQL-Streaming.sql): the NuGet package ships no SQL, and upstream's code is not copied into this repository.
# Builds bench/StreamCompare, starts a private PostgreSQL with
# pg_stat_statements (data in bench/.data/stream-compare, port 54341), runs both providers twice in alternating order
# and prints one RESULT line per provider and run. About 12 minutes; raw logs stay in bench/.data/stream-compare.
set -euo pipefail
cd "$(dirname "$0")/.."

adonet_sql=${ADONET_SQL:?set ADONET_SQL to upstream\'s PostgreSQL-Streaming.sql}
[ -f "$adonet_sql" ] || { echo "ADONET_SQL: no file $adonet_sql" >&2; exit 2; }
adonet_sql=$(cd "$(dirname "$adonet_sql")" && pwd)/$(basename "$adonet_sql")
events=${1:-20000}
streams=${2:-50}
data=${BENCH_DATA_DIR:-bench/.data}/stream-compare
port=${COMPARE_PG_PORT:-54341}
mkdir -p "$data"
data=$(cd "$data" && pwd)

dotnet build bench/StreamCompare -c Release -v quiet -nologo >/dev/null
scripts/postgres.sh start "$data/pg" "$port"
trap 'scripts/postgres.sh stop "$data/pg" "$port"' EXIT
psql() { command psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "$1"; }
psql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
scripts/postgres.sh stop "$data/pg" "$port" && scripts/postgres.sh start "$data/pg" "$port"
psql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

admin="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
tool=bench/StreamCompare/bin/Release/net10.0/StreamCompare.dll
echo "commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $events events on $streams streams"
dotnet "$tool" compare "$admin" "$events" "$streams" ours,adonet 1 "$data" "$adonet_sql" | tee "$data/results.txt"
dotnet "$tool" compare "$admin" "$events" "$streams" adonet,ours 2 "$data" "$adonet_sql" | tee -a "$data/results.txt"
