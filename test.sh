#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ and prints, as its last line, one total:
#   "<n> passed, <n> failed, <n> skipped"
# Uses the servers named by ConnectionStrings__Postgres and ConnectionStrings__RabbitMq when set; otherwise brings
# them up on loopback with deploy/local-infra.sh and stops them again at the end. The run gets its own RabbitMQ
# virtual host, and the databases and the virtual host the tests created are removed afterwards.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Screening").
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

run=$(mktemp -d)
export KAP_TEST_RUN="r$$x$(date +%s)"
started_infra=""
pg_reachable=""
vhost=""
total() { echo "$1 passed, $2 failed, $3 skipped"; }

cleanup() {
  if [ -n "$vhost" ]; then
    timeout 60 rabbitmqctl -q -n rabbit@localhost delete_vhost "$vhost" >/dev/null 2>&1 || true
  fi
  if [ -n "$pg_reachable" ]; then
    for server in ConnectionStrings__Postgres ConnectionStrings__Postgres2; do
      [ -n "${!server:-}" ] || continue
      PSQL_SERVER=$server psql_admin -Atc "select datname from pg_database where datname like '%\\_${KAP_TEST_RUN,,}\\_%'" 2>/dev/null |
        while read -r db; do
          PSQL_SERVER=$server psql_admin -qc "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 || true
        done
    done
  fi
  [ -n "$started_infra" ] && deploy/local-infra.sh down
  rm -rf "$run"
}
trap cleanup EXIT

# psql against the server of ConnectionStrings__Postgres, or of the variable PSQL_SERVER names (Npgsql key=value form).
psql_admin() {
  local kv key value server=${PSQL_SERVER:-ConnectionStrings__Postgres}
  local -a envs=()
  IFS=';' read -ra kv <<< "${!server}"
  for pair in "${kv[@]}"; do
    key=$(printf '%s' "${pair%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${pair#*=}
    case "$key" in
      host|server) envs+=("PGHOST=$value") ;;
      port) envs+=("PGPORT=$value") ;;
      username|user|userid|"user id") envs+=("PGUSER=$value") ;;
      password) envs+=("PGPASSWORD=$value") ;;
    esac
  done
  env "${envs[@]}" PGDATABASE=postgres PGCONNECT_TIMEOUT=5 psql -X "$@"
}

# The docs' walkthroughs (DocsRunTests) run their curl blocks with curl and jq; a fresh Debian machine may lack jq.
missing=$(for tool in curl jq; do command -v "$tool" >/dev/null || printf '%s ' "$tool"; done)
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test.sh: installing $missing(for the docs' walkthroughs)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/dev/null 2>&1 ||
    echo "test.sh: could not install $missing; DocsRunTests will say so." >&2
fi

if [ -z "${ConnectionStrings__Postgres:-}" ] || [ -z "${ConnectionStrings__RabbitMq:-}" ]; then
  # Servers another run started (their marker files exist) are theirs to stop: only a run that started them stops them.
  state=$(deploy/local-infra.sh state)
  owned_before=$(ls "$state"/postgres/started-by-us "$state"/rabbitmq/started-by-us 2>/dev/null || true)
  if ! deploy/local-infra.sh up > "$run/infra.env"; then
    echo "test.sh: PostgreSQL or RabbitMQ could not be started (see the lines above); no test was run." >&2
    trap - EXIT
    cleanup
    total 0 1 0
    exit 1
  fi
  [ -z "$owned_before" ] && started_infra=yes
  # shellcheck disable=SC1091
  source "$run/infra.env"
fi
export ConnectionStrings__Postgres ConnectionStrings__RabbitMq
# The second server of the clinics-over-two-databases tests (ClinicDatabasesTests); without it they start a container.
[ -z "${ConnectionStrings__Postgres2:-}" ] || export ConnectionStrings__Postgres2

if ! command -v psql >/dev/null; then
  echo "test.sh: psql is not installed, so the test databases will not be removed afterwards." >&2
elif ! psql_admin -Atc "select 1" >/dev/null 2>"$run/psql.err"; then
  echo "test.sh: cannot reach PostgreSQL at ConnectionStrings__Postgres: $(cat "$run/psql.err")" >&2
  total 0 1 0
  exit 1
else
  pg_reachable=yes
fi

# A virtual host of its own when this machine administers the broker, so the run leaves no queue behind.
candidate="kap-test-$$-$(date +%s)"
if timeout 30 rabbitmqctl -q -n rabbit@localhost add_vhost "$candidate" >/dev/null 2>&1; then
  vhost=$candidate
  user=$(printf '%s' "$ConnectionStrings__RabbitMq" | sed -E 's#^amqps?://([^:@/]+).*#\1#')
  timeout 30 rabbitmqctl -q -n rabbit@localhost set_permissions -p "$vhost" "$user" '.*' '.*' '.*' >/dev/null
  ConnectionStrings__RabbitMq="$(printf '%s' "$ConnectionStrings__RabbitMq" | sed -E 's#^(amqps?://[^/]+)/?.*$#\1#')/$vhost"
  # The services' own users, limited to their own contracts, as in every deployment; each test host's entities carry
  # a prefix t<8 hex>- (ServiceHost.NewEntityPrefix). Tests log in as them only when this says they exist.
  if deploy/local-infra.sh broker "$vhost" 't[0-9a-f]{8}-' 2>"$run/broker.err"; then
    export KAP_BROKER_USERS=1
  else
    echo "test.sh: could not create the services' RabbitMQ users ($(cat "$run/broker.err")); tests connect as $user and skip the broker permission checks." >&2
  fi
elif command -v rabbitmqctl >/dev/null; then
  echo "test.sh: rabbitmqctl could not add a virtual host within 30 s (a wedged or busy broker?); this run uses the one in ConnectionStrings__RabbitMq and leaves its queues there." >&2
fi

start=$(date +%s)
dotnet test Platform.sln --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$run/test.log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    77, Skipped:     0, Total: ..." (or "Failed!",
# or "Skipped! - " when every test of the assembly that ran was skipped).
sum() { grep -E '^(Passed|Failed|Skipped)! +- Failed:' "$run/test.log" | grep -oE "$1: +[0-9]+" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
passed=${passed:-0} failed=${failed:-0} skipped=${skipped:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status without a failed test (a build error or a crashed test host): counted as 1 failure." >&2
  failed=1
fi
echo "test.sh: $(( $(date +%s) - start )) s"
trap - EXIT
cleanup
total "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
