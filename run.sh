#!/usr/bin/env bash
# Builds and runs the whole system: a private PostgreSQL (when its binaries are installed) and N silos that serve the
# API themselves (co-hosted, behind the Gateway reverse proxy when N > 1), or N silos and the standalone WebFront.
# Usage: ./run.sh [--silos N] [--embedded] [--layout cohosted|standalone] [--standalone] [--no-build]   Stop with Ctrl-C.
# Ports and folders: SHOP_WEB_URL, SHOP_PG_PORT, SHOP_SILO_PORT, SHOP_GATEWAY_PORT, SHOP_DATA_DIR; SHOP_CONFIGURATION (Release).
set -euo pipefail
cd "$(dirname "$0")"

silos=1
embedded=0
layout=cohosted
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos needs a number}; shift 2 ;;
    --embedded) embedded=1; shift ;;
    --layout) layout=${2:?--layout needs cohosted or standalone}; shift 2 ;;
    --standalone) layout=standalone; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
case "$layout" in
  cohosted|standalone) ;;
  *) echo "unknown layout: $layout (cohosted or standalone)" >&2; exit 2 ;;
esac

root=$(pwd)
data=${SHOP_DATA_DIR:-$root/.data}
pg_port=${SHOP_PG_PORT:-54329}
web_url=${SHOP_WEB_URL:-http://127.0.0.1:8080}
# Orleans' own ports of silo i are these plus i. A test that runs this script next to other things picks free ones.
silo_port=${SHOP_SILO_PORT:-11111}
gateway_port=${SHOP_GATEWAY_PORT:-30000}
# --no-build runs what is already built in this configuration: the README test builds Debug and starts it here.
configuration=${SHOP_CONFIGURATION:-Release}
mkdir -p "$data/logs"

# The operator account every silo seeds (Auth:Operator:*); it opens /dashboard/. Its password is made once per data
# folder, because an account that already exists keeps the password it was created with.
operator_email=${SHOP_OPERATOR_EMAIL:-operator@example.com}
if [ -z "${SHOP_OPERATOR_PASSWORD:-}" ] && [ ! -s "$data/operator-password" ]; then
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$data/operator-password")
fi
operator_password=${SHOP_OPERATOR_PASSWORD:-$(cat "$data/operator-password")}
# The API's JWT signing key (Auth:Jwt:SigningKey): made once per data folder, like a secret from a vault would be. Every
# host that serves the API gets the same key, so a token one silo issued is good on all of them.
if [ ! -s "$data/jwt-signing.key" ]; then
  (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >"$data/jwt-signing.key")
fi

if [ "$embedded" = 0 ] && ! scripts/postgres.sh available x; then
  echo ">> PostgreSQL server binaries not found (apt-get install -y postgresql): using the embedded default, data is NOT kept."
  embedded=1
fi
if [ "$embedded" = 1 ] && [ "$silos" -gt 1 ]; then
  echo ">> the embedded default runs one silo; start PostgreSQL for more." >&2
  silos=1
fi

if [ "$build" = 1 ]; then
  echo ">> building ($configuration)"
  dotnet build Orleans.sln -c "$configuration" -v q -nologo
fi

pids=()
cleanup() {
  local status=$?
  trap - INT TERM EXIT
  echo ">> stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$embedded" = 0 ]; then scripts/postgres.sh stop "$data/postgres"; fi
  # Ctrl-C interrupts the final `wait -n`: end here rather than go on to report a process that exited.
  exit "$status"
}
trap cleanup INT TERM EXIT

if [ "$embedded" = 0 ]; then
  echo ">> starting PostgreSQL on 127.0.0.1:$pg_port (data in $data/postgres)"
  scripts/postgres.sh start "$data/postgres" "$pg_port"
  if [ "$(id -u)" = 0 ]; then psql_user=(runuser -u postgres --); else psql_user=(); fi
  "${psql_user[@]}" psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='shop'" | grep -q 1 \
    || "${psql_user[@]}" psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE shop"
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=shop;Username=postgres"
  echo ">> applying the schema"
  (cd Silo/bin/$configuration/net10.0 && dotnet Silo.dll migrate >"$data/logs/migrate.log" 2>&1) || { cat "$data/logs/migrate.log"; exit 1; }
else
  unset ConnectionStrings__Postgres
fi

# Where each silo's HTTP endpoint is: the entry URL itself for one co-hosted silo; otherwise 8081, 8082, ... behind the
# Gateway (co-hosted) or WebFront (standalone), which take the entry URL.
silo_url() {
  if [ "$layout" = cohosted ] && [ "$silos" = 1 ]; then echo "$web_url"; else echo "http://127.0.0.1:$((8081 + $1))"; fi
}
# A developer trying the API and the docs page runs through the seed's 100 requests per 15 minutes in minutes: run.sh
# allows 1000 a minute (and 30 sign-ins a minute). The hosts' own defaults, what a deployment gets, stay the seed's.
dev_limits=(RateLimiting__PermitLimit="${SHOP_RATE_LIMIT:-1000}" RateLimiting__Window=00:01:00
  Auth__RateLimit__PermitLimit="${SHOP_AUTH_RATE_LIMIT:-30}" Auth__RateLimit__Window=00:01:00)
silo_api=(Api__Enabled=false)
if [ "$layout" = cohosted ]; then
  silo_api=(Api__Enabled=true Auth__Jwt__SigningKey="$(cat "$data/jwt-signing.key")" "${dev_limits[@]}")
  # Behind the Gateway every request comes from loopback: the per-client rate limits must read X-Forwarded-For.
  if [ "$silos" -gt 1 ]; then silo_api+=(ForwardedHeaders__TrustedProxies__0=127.0.0.1); fi
fi
echo ">> layout: $layout ($( [ "$layout" = cohosted ] && echo "the silos serve the API$( [ "$silos" -gt 1 ] && echo ", the Gateway proxy gives them one entry URL")" || echo "silos behind the standalone WebFront, an Orleans client"))"

# Silos keep a fixed 16 MB gen0 budget: with the GC's own ~2 MB, state read during activation bursts is promoted before it
# dies and leaves holes in gen2 (RSS per active user 4.1 KB against 3.7 KB with 16 MB; bench/README.md).
for i in $(seq 0 $((silos - 1))); do
  echo ">> starting silo $((i + 1)) (silo port $((silo_port + i)), gateway $((gateway_port + i)), $(silo_url "$i"))"
  (cd Silo/bin/$configuration/net10.0 && exec env Orleans__SiloPort=$((silo_port + i)) Orleans__GatewayPort=$((gateway_port + i)) \
    ASPNETCORE_URLS="$(silo_url "$i")" Silo__DataDirectory="$data" Auth__Operator__Email="$operator_email" Auth__Operator__Password="$operator_password" \
    "${silo_api[@]}" DOTNET_GCgen0size=0x1000000 dotnet Silo.dll >"$data/logs/silo-$((i + 1)).log" 2>&1) &
  pids+=($!)
done

if [ "$layout" = standalone ]; then
  # A fixed 32 MB gen0 budget: the GC's own pick on small VMs is ~2 MB, and WebFront serves ~15 % more reads with 32 MB (bench/README.md).
  (cd WebFront/bin/$configuration/net10.0 && exec env ASPNETCORE_URLS="$web_url" Auth__Jwt__SigningKey="$(cat "$data/jwt-signing.key")" "${dev_limits[@]}" \
    DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x2000000}" dotnet WebFront.dll >"$data/logs/webfront.log" 2>&1) &
  pids+=($!)
elif [ "$silos" -gt 1 ]; then
  destinations=()
  for i in $(seq 0 $((silos - 1))); do
    destinations+=("ReverseProxy__Clusters__silos__Destinations__silo$((i + 1))__Address=$(silo_url "$i")")
  done
  (cd Gateway/bin/$configuration/net10.0 && exec env ASPNETCORE_URLS="$web_url" "${destinations[@]}" \
    dotnet Gateway.dll >"$data/logs/gateway.log" 2>&1) &
  pids+=($!)
fi

echo ">> waiting for $web_url"
for _ in $(seq 1 120); do
  if curl -fsS "$web_url/health/live" >/dev/null 2>&1; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a process exited early; logs in $data/logs" >&2; tail -n 30 "$data"/logs/*.log >&2; exit 1; }
  done
  sleep 1
done

cat <<INFO

  API        $web_url/api/users      (try: curl -X POST $web_url/api/users -H 'content-type: application/json' -d '{"email":"ada@example.com","password":"correct horse"}')
  API docs   $web_url/docs
  OpenAPI    $web_url/openapi/v1.json
  Layout     $layout$( [ "$layout" = cohosted ] && [ "$silos" -gt 1 ] && echo ": Gateway on $web_url, silos on $(silo_url 0) and up" )
  Silos      $silos ($( [ "$embedded" = 1 ] && echo "embedded default: data is NOT kept" || echo "PostgreSQL 127.0.0.1:$pg_port, database shop" ))
  Dashboard  $web_url/dashboard/   (log in as $operator_email, password $( [ -n "${SHOP_OPERATOR_PASSWORD:-}" ] && echo "from SHOP_OPERATOR_PASSWORD" || echo "$operator_password (kept in $data/operator-password)" ))
  Metrics    $( [ "$layout" = cohosted ] && [ "$silos" = 1 ] && echo "$web_url/metrics" || echo "$( [ "$layout" = standalone ] && echo "$web_url/metrics (WebFront), ")each silo's $(silo_url 0)/metrics and up" )
  Limits     ${SHOP_RATE_LIMIT:-1000} requests and ${SHOP_AUTH_RATE_LIMIT:-30} sign-ins a minute per client (development; deployments keep the seed's 100 per 15 minutes)
  Logs       $data/logs/
  E-mail     $data/mail/   (one .eml file per message; set Email__Smtp__Host to send through SMTP)

Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}" || true
echo ">> a process exited; see $data/logs" >&2
exit 1
