#!/usr/bin/env bash
# The benchmark harness of issue 8: one command, one run, ours and the peers side by side (see bench/README.md).
#   bench/run.sh        about 8-9 minutes on the 2-core machine when nothing else runs on it
# Env: BENCH_USERS (100000 user grains to activate), BENCH_PATCH_USERS (10000 users signed up and in for real: the PATCH
#      set; the rest of BENCH_USERS are stored copies of one of them), BENCH_DURATION (10s per wrk run),
#      BENCH_BURST (1000 sign-ups for the e-mail measurement), BENCH_PEERS (1; 0 skips the peers),
#      BENCH_DATA_DIR (bench/.data), BENCH_PG_PORT (54339), BENCH_WEB_PORT (8190), BENCH_SILO_HTTP_PORT (8191),
#      BENCH_SILO_PORT (11141), BENCH_GATEWAY_PORT (30041),
#      BENCH_SILO_ENV / BENCH_WEB_ENV (extra VAR=VALUE words for our silo / WebFront, e.g. DOTNET_GCConserveMemory=5),
#      BENCH_STEPS (all; or a subset of: cold memory get calls seed_post post post_one pgbench patch order_paths email feed),
#      BENCH_PROFILE (0; 1 adds profiled GET and POST runs on a separate stack after the measured ones, under
#      `perf record`: CPU per process and hottest functions, in $BENCH_DATA_DIR/profile),
#      BENCH_HEAP_TYPES (0; 1 adds a heap dump of the silo to each memory snapshot and writes the heap's growth per
#      activation by type to $BENCH_DATA_DIR/out/heap-per-activation.txt).
# Prints the results table and writes it to bench/results/latest.md (a partial run: $BENCH_DATA_DIR/partial-results.md);
# raw outputs and logs stay in $BENCH_DATA_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench=$root/bench
data=${BENCH_DATA_DIR:-$bench/.data}
users_total=${BENCH_USERS:-100000}
patch_users=${BENCH_PATCH_USERS:-10000}
duration=${BENCH_DURATION:-10s}
burst=${BENCH_BURST:-1000}
run_peers=${BENCH_PEERS:-1}
all_steps="cold memory get calls seed_post post post_one pgbench patch order_paths email feed"
steps=" ${BENCH_STEPS:-$all_steps} "
profile=${BENCH_PROFILE:-0}
heap_types=${BENCH_HEAP_TYPES:-0}
pg_port=${BENCH_PG_PORT:-54339}
web_port=${BENCH_WEB_PORT:-8190}
silo_http_port=${BENCH_SILO_HTTP_PORT:-8191}
silo_port=${BENCH_SILO_PORT:-11141}
gateway_port=${BENCH_GATEWAY_PORT:-30041}
web=http://127.0.0.1:$web_port
silo_http=http://127.0.0.1:$silo_http_port
peers_src=$root/../shared/peers
# Outside the repository: MSBuild would otherwise apply our Directory.Build.props to the ceiling peer.
peers=${TMPDIR:-/tmp}/shop-bench-peers
password='bench-password-1'
welcome_delay=00:00:05
welcome_delay_ms=5000
post_users=1000
# --timeout 10s (wrk's default is 2 s) so slow answers count in the latencies instead of vanishing as timeouts.
wrk_args=(-t2 -c64 "-d$duration" --latency --timeout 10s)
export BENCH_WRK_DIR=$bench/wrk BENCH_PEERS_DIR=$peers DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

declare -A R          # results: R[item.key]=value
silo_pid= web_pid= pg_started=0 ceiling_up=0 seed_up=0 npgsql_up=0 seed_id=1
started_at=$(date +%s)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
calc() { awk "BEGIN { v = $1; if (v != v) print \"n/a\"; else printf \"%.${2:-2}f\", v }" 2>/dev/null || echo n/a; }
num() { [[ "${1:-}" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; }
ratio() { if num "${1:-}" && num "${2:-}" && [ "$(calc "$2 != 0" 0)" = 1 ]; then calc "$1 / $2" 2; else echo n/a; fi; }
r() { echo "${R[$1]:-n/a}"; }

# "RESULT k=v k=v" (last such line of a file) into R[name.k].
parse_result() {
  local name=$1 file=$2 line kv
  line=$(grep '^RESULT ' "$file" | tail -1) || { log "no result in $file"; return 1; }
  for kv in ${line#RESULT }; do R[$name.${kv%%=*}]=${kv#*=}; done
}

# postgres.sh trusts loopback connections, so psql and pgbench need no OS user switch.
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d "${2:-shop}" -v ON_ERROR_STOP=1 -qtAc "$1"; }
commits() { sql "SELECT xact_commit FROM pg_stat_database WHERE datname = 'shop'"; }
# Transaction ids handed out so far: PostgreSQL gives one to a transaction at its first write, never to a read, so the
# growth counts write commits exactly (the server's own, all databases: nothing else writes during a step).
write_commits() { sql "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"; }
queue_depth() { sql "SELECT count(*) FROM stream_messages" 2>/dev/null || echo 0; }
# "table inserts updates deletes" per user table, for the per-order write breakdown.
table_writes() { sql "SELECT relname || ' ' || n_tup_ins || ' ' || n_tup_upd || ' ' || n_tup_del FROM pg_stat_user_tables ORDER BY relname"; }
# Top statements by PostgreSQL execution time since the last reset: calls and milliseconds per order.
statements() { # orders
  sql "SELECT to_char(total_exec_time / GREATEST($1, 1), 'FM9990.000') || ' ms/order | ' || to_char(calls::numeric / GREATEST($1, 1), 'FM990.00') || ' calls/order | ' || to_char(mean_exec_time, 'FM990.000') || ' ms mean | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 160) FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25"
}
grain_rows() { sql "SELECT grain_type || ' ' || count(*) FROM orleans_grain_state GROUP BY grain_type ORDER BY 1"; }
orders_stored() { sql "SELECT count(*) FROM orders"; }

grain_client() { dotnet "$bench/GrainClient/bin/Release/net10.0/GrainClient.dll" "$@" --pg "$pg_conn" --cluster-id bench --service-id bench; }

# Sum of a Prometheus metric (all label sets) from the silo's /metrics.
silo_metric() {
  curl -fsS -m 5 "$silo_http/metrics" | awk -v re="^$1([{ ]|$)" '
    $0 !~ /^#/ && $0 ~ re { line = $0; sub(/^[^ {]+(\{[^}]*\})? /, "", line); split(line, f, " "); s += f[1] }
    END { printf "%.0f\n", s }'
}
rss_bytes() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"; }

wait_http() { # url seconds [curl args...]
  local url=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null -m 2 "$@" "$url" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

wait_queue_empty() { # seconds -> prints seconds waited
  local start=$SECONDS deadline=$((SECONDS + $1))
  while [ "$(queue_depth)" != 0 ] && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
  echo $((SECONDS - start))
}

stop_pid() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  log "pid $pid still running after 20 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  trap - EXIT INT TERM
  stop_pid "$web_pid"; stop_pid "$silo_pid"
  stop_peers
  [ "$pg_started" = 1 ] && scripts/postgres.sh stop "$data/pg" "$pg_port"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------------------------
preflight() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  scripts/postgres.sh available x || missing+=(postgresql)
  command -v pgbench >/dev/null || missing+=(postgresql-contrib)
  [ "$profile" = 1 ] && ! command -v perf >/dev/null && missing+=(linux-perf)
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get install failed"
  fi
  local ports=("$pg_port" "$web_port" "$silo_http_port" "$silo_port" "$gateway_port")
  [ "$run_peers" = 1 ] && ports+=(5099 3000 55432 56379)
  for port in "${ports[@]}"; do
    port_free "$port" || die "port $port is in use (set BENCH_*_PORT)"
  done
  rm -rf "$data/pg" "$data/mail" "$data/silo" "$data/logs" "$data/out" "$data/profile"
  mkdir -p "$data/logs" "$data/out" "$bench/results"
  signing_key=$(head -c 32 /dev/urandom | base64)
}

build() {
  log "building (Release): Silo, WebFront, bench/GrainClient"
  local p
  for p in Silo/Silo.csproj WebFront/WebFront.csproj bench/GrainClient/GrainClient.csproj; do
    dotnet build "$p" -c Release -v q -nologo >"$data/logs/build.log" 2>&1 || { tail -30 "$data/logs/build.log" >&2; die "build of $p failed"; }
  done
}

start_postgres() {
  log "starting a private PostgreSQL on 127.0.0.1:$pg_port ($data/pg)"
  scripts/postgres.sh start "$data/pg" "$pg_port" || die "PostgreSQL did not start"
  pg_started=1
  # pg_stat_statements: where PostgreSQL's time goes per order (raw output next to each POST run's).
  sql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" postgres
  scripts/postgres.sh stop "$data/pg" "$pg_port" && scripts/postgres.sh start "$data/pg" "$pg_port" || die "PostgreSQL did not restart"
  sql "CREATE DATABASE shop" postgres
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
  pg_conn="Host=127.0.0.1;Port=$pg_port;Database=shop;Username=postgres;Maximum Pool Size=64${BENCH_PG_EXTRA:-}"
  log "applying the schema (dotnet Silo.dll migrate)"
  (cd Silo/bin/Release/net10.0 && ConnectionStrings__Postgres="$pg_conn" dotnet Silo.dll migrate >"$data/logs/migrate.log" 2>&1) \
    || { cat "$data/logs/migrate.log" >&2; die "migration failed"; }
}

# start_stack NAME WELCOME_DELAY [VAR=VALUE...]: one silo and WebFront as separate processes, Release, logging at Warning.
# Both layouts at once: the silo serves the API itself on $silo_http (co-hosted), WebFront on $web (standalone).
start_stack() {
  local name=$1 welcome_delay=$2; shift 2
  local common=("$@"
    "ConnectionStrings__Postgres=$pg_conn" Orleans__ClusterId=bench Orleans__ServiceId=bench
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    Logging__LogLevel__Microsoft.AspNetCore=Warning Logging__LogLevel__Orleans=Warning Logging__LogLevel__Orleans.Hosting=Warning
    RateLimiting__Enabled=false Auth__RateLimit__Enabled=false
    Auth__Jwt__SigningKey="$signing_key" Auth__Jwt__AccessTokenLifetime=02:00:00)
  (cd Silo/bin/Release/net10.0 && exec env "${common[@]}" \
    Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" ASPNETCORE_URLS="$silo_http" \
    Silo__DataDirectory="$data/silo" Email__PickupDirectory="$data/mail" Email__WelcomeDelay="$welcome_delay" \
    Auth__PasswordHasher__IterationCount=1000 DOTNET_GCgen0size=0x1000000 ${BENCH_SILO_ENV:-} \
    dotnet Silo.dll >"$data/logs/silo-$name.log" 2>&1) &
  silo_pid=$!
  (cd WebFront/bin/Release/net10.0 && exec env "${common[@]}" \
    ASPNETCORE_URLS="$web" DOTNET_GCgen0size=0x2000000 ${BENCH_WEB_ENV:-} \
    dotnet WebFront.dll >"$data/logs/webfront-$name.log" 2>&1) &
  web_pid=$!
}

stop_stack() { stop_pid "$web_pid"; stop_pid "$silo_pid"; web_pid= silo_pid=; }

wait_stack() {
  wait_http "$silo_http/health/live" 120 || { tail -30 "$data/logs"/silo-*.log >&2; die "silo did not come up"; }
  wait_http "$web/health/live" 120 || { tail -30 "$data/logs"/webfront-*.log >&2; die "WebFront did not come up"; }
}

# ---------------------------------------------------------------------------------------------------------------------
seed_users() {
  log "phase 1: signing up $patch_users users through the grain client (PBKDF2 iterations lowered to 1000 for the bench)"
  # Set-up only: commits need not wait for the WAL flush while seeding; restored before anything is measured.
  sql "ALTER SYSTEM SET synchronous_commit = off" && sql "SELECT pg_reload_conf()" >/dev/null
  start_stack seed 1.00:00:00
  wait_stack
  # Straight to user grains: the user directory lets only two sign-ups run at a time (see bench/README.md).
  grain_client create-users --count "$patch_users" --prefix u --password "$password" --out "$data/out/users.tsv" --concurrency 64 \
    --via grain --first-id 30000000000 \
    >"$data/out/create-users.txt" || { cat "$data/out/create-users.txt" >&2; die "creating users failed"; }
  parse_result seed "$data/out/create-users.txt"
  log "  created $(r seed.created) users in $(r seed.seconds) s ($(r seed.per_second)/s)"
  log "signing in $patch_users users over HTTP for their access tokens"
  grain_client sign-in --in "$data/out/users.tsv" --count "$patch_users" --base "$web" --password "$password" \
    --out "$data/out/tokens.tsv" --concurrency 32 >"$data/out/sign-in.txt" || { cat "$data/out/sign-in.txt" >&2; die "sign-in failed"; }
  parse_result signin "$data/out/sign-in.txt"
  log "  signed in $(r signin.signed_in) users ($(r signin.per_second)/s)"
  stop_stack
  sql "ALTER SYSTEM RESET synchronous_commit" && sql "SELECT pg_reload_conf()" >/dev/null
  # The seed users' welcome jobs (deferred by the one-day delay above) would otherwise run as background load during
  # the measurements; they belong to the set-up, not to what is measured.
  R[seed.discarded_jobs]=$(sql "WITH d AS (DELETE FROM stream_messages RETURNING 1) SELECT count(*) FROM d")
  local clones=$((users_total - patch_users)) template
  cp "$data/out/users.tsv" "$data/out/activate.tsv"
  if ((clones > 0)); then
    template=$(tail -1 "$data/out/users.tsv")
    log "storing $clones copies of user $(cut -f1 <<<"$template") under new ids for the memory measurement"
    grain_client clone-users --template "$(cut -f1 <<<"$template")" \
      --count "$clones" --out "$data/out/clones.tsv" >"$data/out/clone.txt" || { cat "$data/out/clone.txt" >&2; die "cloning users failed"; }
    parse_result clone "$data/out/clone.txt"
    cat "$data/out/clones.tsv" >>"$data/out/activate.tsv"
  fi
  get_id=$(head -1 "$data/out/tokens.tsv" | cut -f1)
  get_token=$(head -1 "$data/out/tokens.tsv" | cut -f2)
  tail -1 "$data/out/tokens.tsv" >"$data/out/tokens-one.tsv"
  tail -2 "$data/out/tokens.tsv" | head -1 >"$data/out/tokens-warm.tsv"
}

cold_start() {
  log "phase 2: cold start (launch silo and WebFront, first successful GET /api/users/$get_id)"
  local t0 t_ready t_get
  t0=$(date +%s.%N)
  start_stack measured "$welcome_delay"
  wait_http "$silo_http/health/ready" 120 && t_ready=$(date +%s.%N)
  wait_http "$silo_http/api/users/$get_id" 120 -H "Authorization: Bearer $get_token" && t_get=$(date +%s.%N)
  R[cold.silo_ready_s]=$(calc "${t_ready:-nan} - $t0" 1)
  R[cold.first_get_s]=$(calc "${t_get:-nan} - $t0" 1)
  [ -n "${t_get:-}" ] || die "no successful GET within 120 s"
  log "  silo ready after $(r cold.silo_ready_s) s, first GET after $(r cold.first_get_s) s"
}

memory_snapshot() { # name
  grain_client force-gc --pid "$silo_pid" >/dev/null 2>&1 || log "  (forcing a GC failed; heap figure is from the last GC)"
  sleep 2
  R[mem.$1_heap]=$(silo_metric dotnet_gc_last_collection_heap_size_bytes)
  R[mem.$1_rss]=$(rss_bytes "$silo_pid")
  R[mem.$1_activations]=$(silo_metric orleans_catalog_activations)
  R[mem.$1_fragmentation]=$(silo_metric dotnet_gc_last_collection_heap_fragmentation_size_bytes)
  [ "$heap_types" = 1 ] && grain_client heap-types --pid "$silo_pid" --out "$data/out/heap-$1.tsv" >/dev/null
}

# heap_growth BEFORE AFTER ACTIVATIONS: bytes and objects per activation by type, largest first.
heap_growth() {
  awk -F'\t' -v n="$3" '
    FNR == NR { bytes[$3] = $1; count[$3] = $2; next }
    { db = $1 - bytes[$3]; dc = $2 - count[$3]; total += db
      if (db / n >= 1) printf "%8.1f B %6.2f objects  %s\n", db / n, dc / n, $3 }
    END { printf "%8.1f B in all\n", total / n }' "$data/out/heap-$1.tsv" "$data/out/heap-$2.tsv" | sort -rn
}

memory() {
  log "memory: activating $users_total user grains"
  memory_snapshot before
  grain_client activate --in "$data/out/activate.tsv" --count "$users_total" --concurrency 128 >"$data/out/activate.txt" \
    || log "  activation reported failures (see $data/out/activate.txt)"
  parse_result activate "$data/out/activate.txt"
  memory_snapshot after
  local activations
  activations=$(( ${R[mem.after_activations]:-0} - ${R[mem.before_activations]:-0} ))
  ((activations > 0)) || activations=${R[activate.activated]:-0}
  R[mem.activations]=$activations
  R[mem.heap_per_activation]=$(calc "(${R[mem.after_heap]:-nan} - ${R[mem.before_heap]:-nan}) / $activations" 0)
  R[mem.rss_per_activation]=$(calc "(${R[mem.after_rss]:-nan} - ${R[mem.before_rss]:-nan}) / $activations" 0)
  R[mem.live_per_activation]=$(calc "((${R[mem.after_heap]:-nan} - ${R[mem.after_fragmentation]:-nan}) - (${R[mem.before_heap]:-nan} - ${R[mem.before_fragmentation]:-nan})) / $activations" 0)
  log "  $activations activations ($(r activate.per_second)/s): heap $(r mem.heap_per_activation) B (without fragmentation $(r mem.live_per_activation) B), RSS $(r mem.rss_per_activation) B each"
  [ "$heap_types" = 1 ] && heap_growth before after "$activations" >"$data/out/heap-per-activation.txt"
  # The same number of user grains with nothing stored: what an activation costs before any user state.
  seq 0 $((users_total - 1)) | awk '{ printf "%.0f\tnone\t0\n", 40000000000 + $1 }' >"$data/out/empty.tsv"
  grain_client activate --in "$data/out/empty.tsv" --count "$users_total" --concurrency 128 >"$data/out/activate-empty.txt"
  memory_snapshot empty
  activations=$(( ${R[mem.empty_activations]:-0} - ${R[mem.after_activations]:-0} ))
  ((activations > 0)) || activations=$users_total
  R[mem.empty_heap_per_activation]=$(calc "(${R[mem.empty_heap]:-nan} - ${R[mem.after_heap]:-nan}) / $activations" 0)
  R[mem.empty_rss_per_activation]=$(calc "(${R[mem.empty_rss]:-nan} - ${R[mem.after_rss]:-nan}) / $activations" 0)
  log "  $activations activations of users with no stored state: heap $(r mem.empty_heap_per_activation) B, RSS $(r mem.empty_rss_per_activation) B each"
}

wrk_run() { # name url script [script args...]
  local name=$1 url=$2 script=$3; shift 3
  wrk "${wrk_args[@]}" -s "$script" "$url" -- "$@" >"$data/out/wrk-$name.txt" 2>&1
  parse_result "$name" "$data/out/wrk-$name.txt"
  log "  $name: $(r "$name.rps") req/s, p50 $(r "$name.p50_ms") ms, p99 $(r "$name.p99_ms") ms, non-2xx $(r "$name.non2xx"), socket errors $(r "$name.socket_errors"), timeouts $(r "$name.timeouts")"
}

measure_grain_calls() {
  log "direct grain calls: IUserGrain($get_id).GetAsync, 64 in flight, ${duration%s} s"
  grain_client calls --user "$get_id" --seconds "${duration%s}" --inflight 64 >"$data/out/calls.txt" && parse_result calls "$data/out/calls.txt"
  log "  calls: $(r calls.per_second)/s, p50 $(r calls.p50_ms) ms, p99 $(r calls.p99_ms) ms"
}

measure_patch() {
  local n
  n=$(wc -l <"$data/out/tokens.tsv")
  log "PATCH /api/users/{id} name change rotating over $n users"
  wrk_run patch "$web" "$bench/wrk/patch_user.lua" "$data/out/tokens.tsv" "$n"
  R[patch.users]=$n
}

# measure_post NAME TOKENS_FILE USERS
measure_post() {
  local name=$1 tokens=$2 n=$3 c0 c1 c2 o0 o1 o2 idle0 idle1 drained
  log "POST /api/orders with an Idempotency-Key per request, over $n user(s)"
  if [ "$name" = post ]; then # warm-up (JIT, stream producer, connection pools) on a user of its own
    wrk -t2 -c64 -d3s -s "$bench/wrk/post_order.lua" "$silo_http/api/orders" -- "$data/out/tokens-warm.tsv" 1 >/dev/null 2>&1
    wait_queue_empty 60 >/dev/null
  fi
  idle0=$(commits); sleep 5; idle1=$(commits)
  R[$name.idle_commits_per_s]=$(calc "($idle1 - $idle0) / 5" 1)
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  c0=$(commits); w0=$(write_commits); o0=$(orders_stored)
  table_writes >"$data/out/$name-tables-before.txt"; grain_rows >"$data/out/$name-grains-before.txt"
  wrk_run "$name" "$silo_http/api/orders" "$bench/wrk/post_order.lua" "$tokens" "$n"
  sleep 1.5
  c1=$(commits); o1=$(orders_stored)
  drained=$(wait_queue_empty 120)
  sleep 11 # idle backends report their statistics at most 10 s late
  c2=$(commits); w2=$(write_commits); o2=$(orders_stored)
  table_writes >"$data/out/$name-tables-after.txt"; grain_rows >"$data/out/$name-grains-after.txt"
  statements "$((o2 - o0))" >"$data/out/$name-statements.txt"
  # Rows written per order, by table (insert/update/delete), and new stored grains per order, by grain type.
  R[$name.writes]=$(awk -v n=$((o2 - o0)) 'NR == FNR { i[$1] = $2; u[$1] = $3; d[$1] = $4; next }
    n > 0 && ($2 - i[$1]) + ($3 - u[$1]) + ($4 - d[$1]) >= n / 20 {
      printf "%s%s +%.1f/~%.1f/-%.1f", sep, $1, ($2 - i[$1]) / n, ($3 - u[$1]) / n, ($4 - d[$1]) / n; sep = ", " }' \
    "$data/out/$name-tables-before.txt" "$data/out/$name-tables-after.txt")
  R[$name.new_grains]=$(awk -v n=$((o2 - o0)) 'NR == FNR { c[$1] = $2; next }
    n > 0 && $2 - c[$1] > 0 { printf "%s%s %.2f", sep, $1, ($2 - c[$1]) / n; sep = ", " }' \
    "$data/out/$name-grains-before.txt" "$data/out/$name-grains-after.txt")
  log "  rows per order (insert/update/delete): $(r "$name.writes"); new stored grains per order: $(r "$name.new_grains")"
  R[$name.orders]=$((o1 - o0))
  R[$name.drain_s]=$drained
  R[$name.commits_per_order_run]=n/a
  if ((o1 > o0)); then
    R[$name.commits_per_order_run]=$(calc "(($c1 - $c0) - ${R[$name.idle_commits_per_s]} * (1.5 + ${duration%s})) / ($o1 - $o0)" 1)
  fi
  R[$name.commits_per_order_all]=n/a
  if ((o2 > o0)); then
    R[$name.commits_per_order_all]=$(calc "(($c2 - $c0) - ${R[$name.idle_commits_per_s]} * ($drained + 12.5 + ${duration%s})) / ($o2 - $o0)" 1)
  fi
  # Idle write commits are none (the queue readers only read), so no idle share is taken off.
  R[$name.write_commits_per_order]=n/a
  if ((o2 > o0)); then
    R[$name.write_commits_per_order]=$(calc "($w2 - $w0) / ($o2 - $o0)" 2)
  fi
  log "  $((o1 - o0)) orders stored; commits per order: $(r "$name.commits_per_order_run") during the run, $(r "$name.commits_per_order_all") with its e-mail jobs (queue drained in ${drained} s); write commits per order, e-mail jobs included: $(r "$name.write_commits_per_order")"
}

# Sign-ups from the .NET client through the user directory (WebFront's path) and straight to user grains: the
# difference is what the directory costs. Orders from the client through the order directory, the only way in (an
# order is stored by its user's grain).
measure_order_paths() {
  local via
  for via in directory grain; do
    log "300 sign-ups from the grain client via $via, 64 in flight"
    grain_client create-users --count 300 --prefix "s$via" --password "$password" --out "$data/out/signup-$via.tsv" --concurrency 64 \
      --via "$via" --first-id 32000000000 >"$data/out/signup-$via.txt" && parse_result "signup_$via" "$data/out/signup-$via.txt"
    log "  $(r "signup_$via.per_second")/s, p50 $(r "signup_$via.p50_ms") ms, p99 $(r "signup_$via.p99_ms") ms"
    wait_queue_empty 60 >/dev/null
  done
  log "orders from the grain client via the directory, 64 in flight, 5 s"
  grain_client place-orders --in "$data/out/users.tsv" --users "$post_users" --seconds 5 --inflight 64 \
    >"$data/out/orders-directory.txt" && parse_result "orders_directory" "$data/out/orders-directory.txt"
  log "  $(r "orders_directory.per_second")/s, p50 $(r "orders_directory.p50_ms") ms, p99 $(r "orders_directory.p99_ms") ms"
  wait_queue_empty 120 >/dev/null
}

measure_email() {
  log "welcome e-mail: $burst sign-ups in a burst, delay $((welcome_delay_ms / 1000)) s"
  rm -f "$data/mail"/*.eml
  grain_client create-users --count "$burst" --prefix burst --password "$password" --out "$data/out/burst.tsv" --concurrency 64 \
    --via grain --first-id 31000000000 >"$data/out/burst.txt" && parse_result burst "$data/out/burst.txt"
  grain_client mail-latency --in "$data/out/burst.tsv" --dir "$data/mail" --delay-ms "$welcome_delay_ms" --timeout 90 \
    >"$data/out/mail.txt"; parse_result mail "$data/out/mail.txt"
  log "  $(r mail.received)/$burst e-mails; beyond the delay p50 $(r mail.beyond_delay_p50_ms) ms, p99 $(r mail.beyond_delay_p99_ms) ms"
}

# The order feed delivered to one consumer (bench/feed.sh, a PostgreSQL of its own; the stack under test stays idle).
measure_feed() {
  log "order feed: 20000 events to one consumer while written, then a consumer catching up from the start"
  bash "$bench/feed.sh" 20000 >"$data/out/feed.txt" 2>"$data/logs/feed.log" && parse_result feed "$data/out/feed.txt"
  log "  live $(r feed.live_per_s)/s (written at $(r feed.write_per_s)/s), lag $(r feed.lag_s) s, catch-up $(r feed.catchup_per_s)/s"
}

# Profiling (BENCH_PROFILE=1) runs on a stack of its own, started after every measurement, so that its settings never
# touch a measured figure: ReadyToRun and tiering off, so that all code is JIT-compiled once, fully optimised, and
# named in the perf map; W^X off, so that perf finds JIT code in anonymous memory, where it consults the perf map.
profile() {
  [ "$profile" = 1 ] || return 0
  command -v perf >/dev/null || { log "perf not installed: no profile"; return 0; }
  stop_stack
  log "profiling: restarting the stack with DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0"
  start_stack profile "$welcome_delay" DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_TieredCompilation=0 \
    DOTNET_EnableWriteXorExecute=0
  wait_stack
  wait_http "$silo_http/api/users/$get_id" 120 -H "Authorization: Bearer $get_token" || { log "profile stack not serving"; return 0; }
  wrk -t2 -c64 -d5s -s "$bench/wrk/get_user.lua" "$silo_http/api/users/$get_id" -- "$get_token" >/dev/null 2>&1
  profile_run get "$silo_http/api/users/$get_id" "$bench/wrk/get_user.lua" "$get_token"
  wrk -t2 -c64 -d3s -s "$bench/wrk/post_order.lua" "$silo_http/api/orders" -- "$data/out/tokens-warm.tsv" 1 >/dev/null 2>&1
  profile_run post "$silo_http/api/orders" "$bench/wrk/post_order.lua" "$data/out/tokens.tsv" "$post_users"
  rm -f "/tmp/perf-$web_pid.map" "/tmp/perf-$silo_pid.map"
}

# profile_run NAME URL SCRIPT [ARGS...]: a wrk run under `perf record -a -g`: the CPU of the whole machine per process,
# and the hottest functions of WebFront and of the silo (self time, and inclusive time of their callers). The runs
# go to the silo's own port: the co-hosted layout, the default, where the silo's profile is the API's.
profile_run() {
  local name=$1 url=$2 script=$3 out=$data/profile; shift 3
  mkdir -p "$out"
  log "profiling $name (perf, whole machine, 8 s)"
  perf record -a -g -F 499 -o "$out/$name.perf" -- sleep 9 >"$out/$name-record.log" 2>&1 &
  local recorder=$! load
  sleep 0.5
  wrk -t2 -c64 -d8s -s "$script" "$url" -- "$@" >"$out/$name-wrk.txt" 2>&1 &
  load=$!
  wait "$load" "$recorder"
  perf script -i "$out/$name.perf" -F pid 2>/dev/null | sort | uniq -c | while read -r samples pid; do
    case "$pid" in
      "$web_pid") echo "$samples WebFront" ;;
      "$silo_pid") echo "$samples silo" ;;
      "$load") echo "$samples wrk" ;;
      0) echo "$samples (idle)" ;;
      *) echo "$samples $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | sed -E 's/(postgres: [^ ]+ [^ ]+).*/\1/' | cut -c1-60 || true)" ;;
    esac
  done | awk '{ n = $1; $1 = ""; label = ($0 == "" || $0 == " ") ? " (exited)" : $0; s[label] += n; t += n }
    END { for (l in s) printf "%6.1f%% %s\n", 100 * s[l] / t, l }' | sort -rn >"$out/$name-processes.txt"
  local who pid
  for who in webfront silo; do
    pid=$([ $who = webfront ] && echo "$web_pid" || echo "$silo_pid")
    perf report -i "$out/$name.perf" --stdio --no-children --pid "$pid" --sort dso,symbol -g none --percent-limit 0 2>/dev/null \
      | grep -v '^#' | grep -v '^$' >"$out/$name-$who-all.txt"
    head -60 "$out/$name-$who-all.txt" | cut -c1-200 >"$out/$name-$who-self.txt"
    # Self time by component: the assembly of JIT-compiled code, else the native library (GC and runtime: libcoreclr).
    sed -E -e 's/^ *([0-9.]+)% +\[JIT\] tid [0-9]+ +\[\.\] .*\[([^] ]+)\] [^ (]+::.*/\1 [\2]/' \
      -e 's/^ *([0-9.]+)% +\[JIT\].*/\1 [JIT-unnamed]/' -e 's/^ *([0-9.]+)% +([^ ]+) .*/\1 \2/' "$out/$name-$who-all.txt" \
      | awk '{ s[$2] += $1; t += $1 } END { for (c in s) printf "%6.1f%% of the machine, %5.1f%% of the process  %s\n", s[c], 100 * s[c] / t, c }' \
      | sort -rn | head -30 >"$out/$name-$who-components.txt"
    perf report -i "$out/$name.perf" --stdio --children --pid "$pid" --sort symbol -g none --percent-limit 2 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | cut -c1-200 >"$out/$name-$who-inclusive.txt"
  done
  log "  $(grep -E "Requests/sec" "$out/$name-wrk.txt"); CPU: $(head -4 "$out/$name-processes.txt" | tr -s ' ' | tr '\n' ';')"
}

# ---------------------------------------------------------------------------------------------------------------------
# The peers run beside our stack (idle while not measured) so that each comparison is measured back to back: on a
# machine shared with other work, minutes apart is too far apart.
start_peers() {
  [ "$run_peers" = 1 ] || return 0
  [ -d "$peers_src" ] || { log "peers not found at $peers_src: skipped"; run_peers=0; return 0; }
  mkdir -p "$peers"
  # A private copy, so node_modules and build output never land in the shared folder.
  cp -r --no-preserve=mode "$peers_src/." "$peers/"
  chmod +x "$peers"/*.sh "$peers"/*/*.sh
  log "peers: starting aspnet-ceiling (127.0.0.1:5099) and seed-node with 2 workers (127.0.0.1:3000)"
  "$peers/aspnet-ceiling/down.sh" >/dev/null 2>&1; "$peers/seed-node/down.sh" >/dev/null 2>&1
  if "$peers/aspnet-ceiling/up.sh" >"$data/logs/ceiling-up.log" 2>&1; then ceiling_up=1; else tail -20 "$data/logs/ceiling-up.log" >&2; log "aspnet-ceiling did not start"; fi
  if RESET=1 WORKERS=2 "$peers/seed-node/up.sh" >"$data/logs/seed-up.log" 2>&1; then
    seed_up=1
    seed_id=$(curl -fsS -X POST http://127.0.0.1:3000/api/users -H 'content-type: application/json' \
      -d '{"email":"bench@example.com","password":"bench-password-1","name":"Bench"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
  else
    tail -20 "$data/logs/seed-up.log" >&2; log "seed-node did not start"
  fi
  # What a .NET developer writes without Orleans: a minimal API that queries seed-node's PostgreSQL on every request.
  if [ "$seed_up" = 1 ]; then
    "$peers/aspnet-npgsql/down.sh" >/dev/null 2>&1
    if "$peers/aspnet-npgsql/up.sh" >"$data/logs/npgsql-up.log" 2>&1; then npgsql_up=1; else tail -20 "$data/logs/npgsql-up.log" >&2; log "aspnet-npgsql did not start"; fi
  fi
}

stop_peers() {
  [ "$ceiling_up" = 1 ] && "$peers/aspnet-ceiling/down.sh" >/dev/null 2>&1
  [ "$npgsql_up" = 1 ] && "$peers/aspnet-npgsql/down.sh" >/dev/null 2>&1
  [ "$seed_up" = 1 ] && "$peers/seed-node/down.sh" >/dev/null 2>&1
  ceiling_up=0 seed_up=0 npgsql_up=0
}

measure_gets() {
  log "GET: warm-up 3 s each, then $duration each of aspnet-ceiling, ours (standalone WebFront, then co-hosted silo), seed-node, back to back"
  [ "$ceiling_up" = 1 ] && wrk -t2 -c64 -d3s http://127.0.0.1:5099/api/users/1 >/dev/null 2>&1
  [ "$seed_up" = 1 ] && wrk -t2 -c64 -d3s "http://127.0.0.1:3000/api/users/$seed_id" >/dev/null 2>&1
  wrk -t2 -c64 -d3s -s "$bench/wrk/get_user.lua" "$web/api/users/$get_id" -- "$get_token" >/dev/null 2>&1
  wrk -t2 -c64 -d3s -s "$bench/wrk/get_user.lua" "$silo_http/api/users/$get_id" -- "$get_token" >/dev/null 2>&1
  [ "$ceiling_up" = 1 ] && wrk_run ceiling_get http://127.0.0.1:5099/api/users/1 "$bench/wrk/result.lua"
  wrk_run get "$web/api/users/$get_id" "$bench/wrk/get_user.lua" "$get_token"
  wrk_run cohosted_get "$silo_http/api/users/$get_id" "$bench/wrk/get_user.lua" "$get_token"
  [ "$seed_up" = 1 ] && wrk_run seed_get "http://127.0.0.1:3000/api/users/$seed_id" "$bench/wrk/result.lua"
  if [ "$npgsql_up" = 1 ]; then
    wrk -t2 -c64 -d3s "http://127.0.0.1:5098/api/users/$seed_id" >/dev/null 2>&1
    wrk_run npgsql_get "http://127.0.0.1:5098/api/users/$seed_id" "$bench/wrk/result.lua"
  fi
  return 0
}

measure_seed_post() {
  [ "$seed_up" = 1 ] || return 0
  log "seed-node POST /api/orders (the peer's own script)"
  wrk_run seed_post http://127.0.0.1:3000/api/orders "$bench/wrk/seed_post_order.lua" "$seed_id"
}

measure_pgbench() {
  log "pgbench single-INSERT ceiling on our PostgreSQL (seed's orders table and script)"
  sql "CREATE DATABASE pgbench_orders" postgres
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -d pgbench_orders -qc 'SET client_min_messages = warning' -f "$peers_src/seed-node/schema.sql" >/dev/null
  sql "INSERT INTO users (email, password_hash, name) VALUES ('bench@example.com', 'x', 'Bench')" pgbench_orders
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 16 -j 2 -T "${duration%s}" \
    -f "$peers_src/seed-node/pgbench_insert_order.sql" pgbench_orders >"$data/out/pgbench.txt" 2>&1
  R[pgbench.tps]=$(awk '/^tps/ { printf "%.0f", $3 }' "$data/out/pgbench.txt")
  R[pgbench.latency_ms]=$(awk '/^latency average/ { print $4 }' "$data/out/pgbench.txt")
  log "  pgbench: $(r pgbench.tps) tps"
}

# ---------------------------------------------------------------------------------------------------------------------
verdict() { # value op target
  num "${1:-}" || { echo "n/a"; return; }
  [ "$(calc "$1 $2 $3" 0)" = 1 ] && echo "met" || echo "**missed**"
}

report() {
  local commit dirty machine out=$bench/results/latest.md
  # Only a whole run replaces the committed table; a partial one (BENCH_STEPS) stays with its raw outputs.
  [ "$steps" = " $all_steps " ] || out=$data/partial-results.md
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$([ -n "$(git status --porcelain 2>/dev/null)" ] && echo " + uncommitted changes" || true)
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  local get_vs_ceiling get_vs_seed post_vs_seed post_vs_pg post1_vs_seed post1_vs_pg calls_vs_get
  get_vs_ceiling=$(ratio "$(r get.rps)" "$(r ceiling_get.rps)")
  get_vs_seed=$(ratio "$(r get.rps)" "$(r seed_get.rps)")
  local cohosted_vs_ceiling cohosted_vs_seed
  cohosted_vs_ceiling=$(ratio "$(r cohosted_get.rps)" "$(r ceiling_get.rps)")
  cohosted_vs_seed=$(ratio "$(r cohosted_get.rps)" "$(r seed_get.rps)")
  local cohosted_vs_npgsql
  cohosted_vs_npgsql=$(ratio "$(r cohosted_get.rps)" "$(r npgsql_get.rps)")
  post_vs_seed=$(ratio "$(r post.rps)" "$(r seed_post.rps)")
  post_vs_pg=$(ratio "$(r post.rps)" "$(r pgbench.tps)")
  post1_vs_seed=$(ratio "$(r post_one.rps)" "$(r seed_post.rps)")
  post1_vs_pg=$(ratio "$(r post_one.rps)" "$(r pgbench.tps)")
  calls_vs_get=$(ratio "$(r calls.per_second)" "$(r get.rps)")
  local mail_p99_target=2000 mail_note
  mail_note="$(r mail.received)/$burst received"

  {
    echo "# Benchmark results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: \`$commit\`$dirty"
    echo "- machine: $(nproc) cores ($cpu), $mem; wrk shares the cores with the server under test"
    echo "- wrk: \`wrk ${wrk_args[*]}\`; one silo serving the API itself (co-hosted) + the standalone WebFront (Release, logging Warning, rate limits off), private PostgreSQL $(sql 'SHOW server_version' 2>/dev/null | awk '{print $1}')"
    echo "- set-up: $(r seed.created) users signed up by the grain client in $(r seed.seconds) s ($(r seed.per_second)/s, PBKDF2 lowered to 1000 iterations) and $(r signin.signed_in) signed in over HTTP ($(r signin.per_second)/s); $(r clone.cloned) stored copies of one of them for the memory measurement"
    [ -n "${BENCH_SILO_ENV:-}${BENCH_WEB_ENV:-}" ] && echo "- extra environment: silo \`${BENCH_SILO_ENV:-}\`, WebFront \`${BENCH_WEB_ENV:-}\`"
    echo "- whole run: $(( $(date +%s) - started_at )) s. Figures are noisy on this shared machine: compare ratios within this run only."
    echo
    echo "| # | measure | result | target | ratio | verdict |"
    echo "| --- | --- | --- | --- | --- | --- |"
    echo "| 1 | GET /api/users/{id}, active user, co-hosted (the silo's own port) | $(r cohosted_get.rps) req/s, p50 $(r cohosted_get.p50_ms) ms, p99 $(r cohosted_get.p99_ms) ms (non-2xx $(r cohosted_get.non2xx), timeouts $(r cohosted_get.timeouts)) | ≥ 0.75 × ceiling | $cohosted_vs_ceiling × ceiling | $(verdict "$cohosted_vs_ceiling" '>=' 0.75) |"
    echo "|  |  |  | ≥ 5 × seed-node | $cohosted_vs_seed × seed | $(verdict "$cohosted_vs_seed" '>=' 5) |"
    echo "|  |  |  | ≥ 3 × aspnet-npgsql | $cohosted_vs_npgsql × aspnet-npgsql | $(verdict "$cohosted_vs_npgsql" '>=' 3) |"
    echo "|  |  |  | p99 ≤ 5 ms | | $(verdict "$(r cohosted_get.p99_ms)" '<=' 5) |"
    echo "| 1s | GET /api/users/{id}, active user, standalone WebFront | $(r get.rps) req/s, p50 $(r get.p50_ms) ms, p99 $(r get.p99_ms) ms (non-2xx $(r get.non2xx), timeouts $(r get.timeouts)) | ≥ 0.4 × ceiling | $get_vs_ceiling × ceiling | $(verdict "$get_vs_ceiling" '>=' 0.4) |"
    echo "|  |  |  | seed-node | $get_vs_seed × seed | |"
    echo "| 2 | POST /api/orders, Idempotency-Key each, $post_users users | $(r post.rps) req/s, p50 $(r post.p50_ms) ms, p99 $(r post.p99_ms) ms ($(r post.orders) stored, non-2xx $(r post.non2xx), timeouts $(r post.timeouts)) | ≥ 1 × seed-node (stretch 2 ×) | $post_vs_seed × seed | $(verdict "$post_vs_seed" '>=' 1) |"
    echo "|  |  |  | ≥ 0.25 × pgbench | $post_vs_pg × pgbench | $(verdict "$post_vs_pg" '>=' 0.25) |"
    echo "|  |  |  | p99 ≤ 100 ms | | $(verdict "$(r post.p99_ms)" '<=' 100) |"
    echo "|  | PostgreSQL commits per order | $(r post.commits_per_order_run) during the run; $(r post.commits_per_order_all) incl. its e-mail jobs (idle: $(r post.idle_commits_per_s)/s; queue drained $(r post.drain_s) s after) | bring down | | |"
    echo "|  | write commits per order, e-mail jobs included (transaction ids) | $(r post.write_commits_per_order) | ≤ 3 | | $(verdict "$(r post.write_commits_per_order)" "<=" 3) |"
    echo "|  | rows written per order (+insert/~update/-delete), incl. e-mail jobs | $(r post.writes) | | | |"
    echo "|  | stored grains created per order, by grain type | $(r post.new_grains) | | | |"
    echo "| 2b | POST /api/orders, all for 1 user (the peers' shape) | $(r post_one.rps) req/s, p50 $(r post_one.p50_ms) ms, p99 $(r post_one.p99_ms) ms (non-2xx $(r post_one.non2xx), timeouts $(r post_one.timeouts)); commits/order $(r post_one.commits_per_order_run) | ≥ 2 × seed-node | $post1_vs_seed × seed, $post1_vs_pg × pgbench | $(verdict "$post1_vs_seed" '>=' 2) |"
    echo "| 2c | orders placed by the .NET client, 64 in flight, $post_users users | via the order directory: $(r orders_directory.per_second)/s (p50 $(r orders_directory.p50_ms) ms, p99 $(r orders_directory.p99_ms) ms) | diagnostic | | |"
    echo "| 2d | sign-ups by the .NET client, 64 in flight | via the user directory: $(r signup_directory.per_second)/s (p50 $(r signup_directory.p50_ms) ms); straight to user grains: $(r signup_grain.per_second)/s (p50 $(r signup_grain.p50_ms) ms) | diagnostic | $(ratio "$(r signup_grain.per_second)" "$(r signup_directory.per_second)") × | |"
    echo "| 3 | PATCH /api/users/{id} name, $(r patch.users) users | $(r patch.rps) req/s, p50 $(r patch.p50_ms) ms, p99 $(r patch.p99_ms) ms (non-2xx $(r patch.non2xx), timeouts $(r patch.timeouts)) | — | $(ratio "$(r patch.rps)" "$(r pgbench.tps)") × pgbench | |"
    echo "| 4 | grain calls, .NET client, 64 in flight | $(r calls.per_second) calls/s, p50 $(r calls.p50_ms) ms, p99 $(r calls.p99_ms) ms | ≥ 2 × GET | $calls_vs_get × GET | $(verdict "$calls_vs_get" '>=' 2) |"
    echo "| 5 | memory per active user grain ($(r mem.activations) activations, $(r activate.per_second)/s) | GC heap $(r mem.heap_per_activation) B ($(r mem.live_per_activation) B without fragmentation), RSS $(r mem.rss_per_activation) B (a user grain with no stored state: heap $(r mem.empty_heap_per_activation) B, RSS $(r mem.empty_rss_per_activation) B) | ≤ 4096 B | | $(verdict "$(r mem.heap_per_activation)" '<=' 4096) heap, $(verdict "$(r mem.rss_per_activation)" '<=' 4096) RSS |"
    echo "| 6 | welcome e-mail, $burst sign-ups in a burst | beyond the $((welcome_delay_ms / 1000)) s delay: p50 $(r mail.beyond_delay_p50_ms) ms, p99 $(r mail.beyond_delay_p99_ms) ms; $mail_note | p99 ≤ delay + 2 s, none missing | | $(verdict "$(r mail.beyond_delay_p99_ms)" '<=' $mail_p99_target)$([ "$(r mail.missing)" = 0 ] || echo ", **missing $(r mail.missing)**") |"
    echo "| 7 | cold start: silo launch → first successful GET | $(r cold.first_get_s) s (silo ready $(r cold.silo_ready_s) s) | — | | |"
    echo "| 8 | order feed, one consumer (bench/feed.sh, $(r feed.events) events) | while written: $(r feed.live_per_s)/s (written at $(r feed.write_per_s)/s), lag $(r feed.lag_s) s after the last write; catching up from the start: $(r feed.catchup_per_s)/s | ≥ 5,000/s | | $(verdict "$(r feed.live_per_s)" '>=' 5000) |"
    echo
    echo "| peer (same run, same wrk parameters) | result |"
    echo "| --- | --- |"
    echo "| aspnet-ceiling GET | $(r ceiling_get.rps) req/s, p50 $(r ceiling_get.p50_ms) ms, p99 $(r ceiling_get.p99_ms) ms |"
    echo "| seed-node GET (2 workers) | $(r seed_get.rps) req/s, p50 $(r seed_get.p50_ms) ms, p99 $(r seed_get.p99_ms) ms |"
    echo "| aspnet-npgsql GET (PostgreSQL on every request) | $(r npgsql_get.rps) req/s, p50 $(r npgsql_get.p50_ms) ms, p99 $(r npgsql_get.p99_ms) ms |"
    echo "| seed-node POST order (2 workers) | $(r seed_post.rps) req/s, p50 $(r seed_post.p50_ms) ms, p99 $(r seed_post.p99_ms) ms |"
    echo "| pgbench single INSERT (-c 16 -j 2, our PostgreSQL) | $(r pgbench.tps) tps, $(r pgbench.latency_ms) ms average |"
    echo
    [ "$profile" = 1 ] && echo "Profiles (perf, CPU per process and hottest functions): \`$data/profile/\`." && echo
    echo "Memory detail: heap $(r mem.before_heap) → $(r mem.after_heap) B, RSS $(r mem.before_rss) → $(r mem.after_rss) B, activations $(r mem.before_activations) → $(r mem.after_activations); then users with no stored state: heap → $(r mem.empty_heap) B, RSS → $(r mem.empty_rss) B, activations → $(r mem.empty_activations) (after a forced full GC each time)."
  } >"$out"
  cat "$out"
}

# ---------------------------------------------------------------------------------------------------------------------
preflight
build
start_postgres
start_peers
seed_users
step() { [[ "$steps" == *" $1 "* ]]; }
if step cold; then cold_start; else start_stack measured "$welcome_delay" && wait_stack; fi
step memory && memory
step get && measure_gets
step calls && measure_grain_calls
step seed_post && measure_seed_post
step post && measure_post post "$data/out/tokens.tsv" "$post_users"
step post_one && measure_post post_one "$data/out/tokens-one.tsv" 1
step pgbench && measure_pgbench
stop_peers
step patch && measure_patch
step order_paths && measure_order_paths
step email && measure_email
step feed && measure_feed
profile
stop_stack
report
