#!/usr/bin/env bash
# Brings up PostgreSQL and RabbitMQ on loopback without Docker, for development and CI.
#
#   deploy/local-infra.sh up     install if missing, start what does not already answer (PostgreSQL, a second
#                               PostgreSQL on the next port for the clinics-over-two-databases tests unless
#                               KAP_SECOND_POSTGRES=off, RabbitMQ), print connection strings
#                               (and the services' RabbitMQ users in vhost /, as `broker` below)
#   deploy/local-infra.sh env    print the connection strings only (for: eval "$(deploy/local-infra.sh env)")
#   deploy/local-infra.sh down   stop only what this script started
#   deploy/local-infra.sh state  print the folder that holds what this script started
#   deploy/local-infra.sh prepare  install and initialise without starting (the AppHost runs the servers itself)
#   deploy/local-infra.sh database [name]  create the platform roles and set up a database (default "kap") for them
#   deploy/local-infra.sh broker [vhost] [prefix]  create the services' RabbitMQ users (screening, scheduling,
#                        integration; password kap-<user>-local) with their permissions in vhost (default "/")
#   deploy/local-infra.sh backup-dir  print the backup folder (deploy/backup.sh and deploy/restore.sh use it)
#
# With KAP_WAL_ARCHIVE=on (the fault suite sets it) PostgreSQL runs with WAL archiving (wal_level=replica,
# archive_mode=on): every finished WAL segment is copied to $KAP_BACKUP_DIR/wal (default <state>/backups/wal), so
# deploy/backup.sh's base backups plus that archive restore to any point in time (deploy/restore.sh). Off by default:
# a test run writes a segment every few seconds, nearly a gigabyte per run that nothing here would ever restore.
#
# Servers that already answer on the ports are reused, never restarted. Everything this script starts keeps its
# data, config and logs in one folder per clone under /var/tmp (the `postgres` and `rabbitmq` users must be able to
# enter it, which a clone in a private home folder does not allow), so `down` plus removing that folder is a clean
# slate. KAP_LOCAL_STATE overrides the folder.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${KAP_LOCAL_STATE:-/var/tmp/kap-platform-$(printf '%s' "$root" | sha1sum | cut -c1-10)}
pg_port=${PGPORT:-5432}
pg2_port=${PG2PORT:-$((pg_port + 1))}
second_postgres=${KAP_SECOND_POSTGRES:-on}
pg_user=${PGUSER:-postgres}
pg_password=${PGPASSWORD:-postgres}
amqp_port=${AMQP_PORT:-5672}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
rabbitmqctl=/usr/sbin/rabbitmqctl
rabbit_node=${RABBITMQ_NODENAME:-rabbit@localhost}
backup_dir=${KAP_BACKUP_DIR:-$state/backups}
# A segment is archived when it is full (16 MB) or when this many seconds passed since the last switch with something
# written: a quiet clinic fills 16 MB in hours, so this, not the segment size, bounds how much committed work a lost
# server takes with it (the recovery point objective). 10 s costs a mostly empty 16 MB file per busy 10 s
# (they compress well, and are pruned with the base backup they follow).
archive_timeout=${KAP_ARCHIVE_TIMEOUT:-10}

log() { printf '[local-infra] %s\n' "$*" >&2; }

# As many open files as the hard limit allows, up to what Debian's systemd unit gives RabbitMQ (LimitNOFILE=65536).
raise_open_files='ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"'

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install_if_missing() {
  local missing=()
  [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
  [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
  # The Debian packages start their own services where an init system exists; ours are started below instead.
  service rabbitmq-server stop >/dev/null 2>&1 || true
  pg_ctlcluster --help >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' |
    while read -r v c; do pg_ctlcluster "$v" "$c" stop >/dev/null 2>&1 || true; done
  [ -x "$pg_bin/initdb" ] || pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

# init_postgres [folder]: the server's data in <state>/<folder> (default postgres).
init_postgres() {
  local dir="$state/${1:-postgres}"
  local data="$dir/data"
  mkdir -p "$dir"
  chmod 755 "$state"
  chown postgres:postgres "$dir"
  if [ ! -s "$data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $data"
    printf '%s\n' "$pg_password" > "$dir/pwfile"
    chown postgres:postgres "$dir/pwfile"
    runuser -u postgres -- "$pg_bin/initdb" -D "$data" -U "$pg_user" --pwfile="$dir/pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
    rm -f "$dir/pwfile"
  fi
}

# The WAL archive folder and the command that fills it. The command copies under a temporary name and renames, so a
# crash mid-copy never leaves a short segment that a restore would trust; it succeeds on a segment already archived
# with the same content (the archiver retries after a crash, and refusing would stall archiving for good) but fails on
# a different one (history is never overwritten).
prepare_archive() {
  mkdir -p "$state/postgres" "$backup_dir/wal"
  chown postgres:postgres "$backup_dir/wal"
  chmod 755 "$backup_dir" "$backup_dir/wal"
  cat > "$state/postgres/archive-wal.sh" <<'SCRIPT'
#!/bin/sh
# archive-wal.sh <segment path> <segment file name> <archive folder>: PostgreSQL's archive_command (deploy/local-infra.sh)
set -e
if [ -f "$3/$2" ]; then exec cmp -s "$1" "$3/$2"; fi
cp "$1" "$3/$2.part"
mv "$3/$2.part" "$3/$2"
SCRIPT
  chmod 755 "$state/postgres/archive-wal.sh"
}

# The options every start of this state's server uses, archiving included (deploy/restore.sh starts a restored
# server with them too, so it goes on archiving where the lost one stopped).
postgres_options() {
  printf '%s' "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$state/postgres -c max_connections=300 -c fsync=${PG_FSYNC:-on}"
  # pg_stat_statements: which statements a benchmark phase spends its time in (bench/README.md, "The daemon read
  # every event for every projection"); loaded at start, so it costs nothing until a database creates the extension.
  printf '%s' " -c shared_preload_libraries=pg_stat_statements"
  [ "${KAP_WAL_ARCHIVE:-off}" = on ] || return 0
  printf '%s' " -c wal_level=replica -c archive_mode=on -c archive_timeout=$archive_timeout"
  printf '%s' " -c \"archive_command=$state/postgres/archive-wal.sh %p %f $backup_dir/wal\""
}

start_postgres() {
  if port_answers "$pg_port"; then
    log "PostgreSQL already answers on $pg_port: reusing it"
    return
  fi
  init_postgres
  prepare_archive
  local data="$state/postgres/data"
  log "starting PostgreSQL on 127.0.0.1:$pg_port$([ "${KAP_WAL_ARCHIVE:-off}" != on ] || echo " (WAL archived to $backup_dir/wal)")"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data" -l "$state/postgres/server.log" -w -t 60 -o "$(postgres_options)" start >/dev/null
  touch "$state/postgres/started-by-us"
}

# The second server: a chain's clinics spread over two PostgreSQL servers ("Database:Groups", docs/scaling.md), for the
# tests and the benchmark of that. No archiving: nothing here backs it up.
start_second_postgres() {
  if port_answers "$pg2_port"; then
    log "PostgreSQL already answers on $pg2_port: reusing it as the second server"
    return
  fi
  init_postgres postgres2
  log "starting the second PostgreSQL on 127.0.0.1:$pg2_port"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$state/postgres2/data" -l "$state/postgres2/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg2_port -c unix_socket_directories=$state/postgres2 -c max_connections=300 -c fsync=${PG_FSYNC:-on}" start >/dev/null
  touch "$state/postgres2/started-by-us"
}

init_rabbitmq() {
  local base="$state/rabbitmq"
  mkdir -p "$base/mnesia" "$base/log"
  cat > "$base/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp_port
loopback_users = none
default_user = guest
default_pass = guest
EOF
  printf '[].\n' > "$base/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$base"
}

start_rabbitmq() {
  if port_answers "$amqp_port"; then
    log "RabbitMQ already answers on $amqp_port: reusing it"
    return
  fi
  init_rabbitmq
  local base="$state/rabbitmq"
  log "starting RabbitMQ on 127.0.0.1:$amqp_port"
  export RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_CONFIG_FILE="$base/rabbitmq.conf" \
    RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log" RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
  # Not the Debian wrapper: it goes through su, whose PAM limits cut open files to 1024. RabbitMQ then admits about
  # 900 file handles, which a test run's quorum queues use up; from there it accepts no connection and creates no
  # vhost, and every client waits until it times out. Debian's systemd unit gives it 65536.
  HOME=/var/lib/rabbitmq runuser -u rabbitmq -- sh -c "$raise_open_files; exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached"
  # await_startup fails at once until the node has registered with epmd, so retry it.
  for _ in $(seq 1 60); do
    if "$rabbitmqctl" -n "$rabbit_node" await_startup --timeout 5 >/dev/null 2>&1; then
      touch "$base/started-by-us"
      log "RabbitMQ admits $("$rabbitmqctl" -q -n "$rabbit_node" eval 'proplists:get_value(total_limit, file_handle_cache:info()).' 2>/dev/null) file handles"
      return
    fi
    sleep 1
  done
  log "RabbitMQ did not start; see $base/log"
  exit 1
}

# The platform's roles and one database set up as compose sets up its own (deploy/postgres/*.sql). Role passwords are
# loopback-only defaults; the tests use the same ones (tests/Platform.Testing/TestInfrastructure.cs).
setup_database() {
  local db=$1 sql="$root/deploy/postgres"
  local -a conn=(env PGHOST=127.0.0.1 PGPORT="$pg_port" PGUSER="$pg_user" PGPASSWORD="$pg_password" psql -X -q -v ON_ERROR_STOP=1)
  "${conn[@]}" -d postgres -v screening_password=kap-screening-local -v scheduling_password=kap-scheduling-local \
    -v integration_password=kap-integration-local -v analyst_password=kap-analyst-local -v identity_password=kap-identity-local -f "$sql/roles.sql" >/dev/null
  if [ -z "$("${conn[@]}" -d postgres -Atc "select 1 from pg_database where datname = '$db'")" ]; then
    "${conn[@]}" -d postgres -c "create database \"$db\"" >/dev/null
  fi
  "${conn[@]}" -d "$db" -f "$sql/database.sql" >/dev/null
  log "database $db ready; services log in as screening / scheduling / integration, the identity provider as identity, analysts as analyst"
}

# Each service logs in to RabbitMQ as its own user, allowed to publish only the contracts it owns
# (deploy/rabbitmq/users.sh). Loopback-only passwords, the same pattern as the PostgreSQL roles; the tests use them too.
setup_broker_users() {
  local vhost=$1 prefix=${2:-}
  RABBITMQCTL="timeout 30 $rabbitmqctl -n $rabbit_node" SCREENING_BROKER_PASSWORD=kap-screening-local \
    SCHEDULING_BROKER_PASSWORD=kap-scheduling-local INTEGRATION_BROKER_PASSWORD=kap-integration-local \
    "$root/deploy/rabbitmq/users.sh" "$vhost" "$prefix"
  log "RabbitMQ users ready in vhost $vhost; services log in as screening / scheduling / integration"
}

print_env() {
  echo "export ConnectionStrings__Postgres='Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Password=$pg_password'"
  [ "$second_postgres" != on ] || echo "export ConnectionStrings__Postgres2='Host=127.0.0.1;Port=$pg2_port;Username=$pg_user;Password=$pg_password'"
  echo "export ConnectionStrings__RabbitMq='amqp://guest:guest@127.0.0.1:$amqp_port/'"
}

stop_started() {
  if [ -f "$state/postgres/started-by-us" ]; then
    log "stopping PostgreSQL"
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$state/postgres/data" -m fast -w stop >/dev/null || true
    rm -f "$state/postgres/started-by-us"
  fi
  if [ -f "$state/postgres2/started-by-us" ]; then
    log "stopping the second PostgreSQL"
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$state/postgres2/data" -m fast -w stop >/dev/null || true
    rm -f "$state/postgres2/started-by-us"
  fi
  if [ -f "$state/rabbitmq/started-by-us" ]; then
    log "stopping RabbitMQ"
    # A wedged node never answers stop; its pid file then says what to kill, so the next run does not reuse it.
    if ! timeout 60 "$rabbitmqctl" -n "$rabbit_node" stop >/dev/null 2>&1; then
      kill -9 "$(cat "$state/rabbitmq/mnesia/$rabbit_node.pid" 2>/dev/null)" 2>/dev/null || true
    fi
    rm -f "$state/rabbitmq/started-by-us"
  fi
}

case "${1:-up}" in
  up)
    install_if_missing
    start_postgres
    [ "$second_postgres" != on ] || start_second_postgres
    start_rabbitmq
    setup_broker_users / || log "could not set up the RabbitMQ users (is this broker administered from here?)"
    print_env
    ;;
  env) print_env ;;
  down) stop_started ;;
  state) echo "$state" ;;
  backup-dir) echo "$backup_dir" ;;
  # For deploy/restore.sh: the options a server on this state starts with (the archive folder made ready).
  postgres-options) prepare_archive; postgres_options; echo ;;
  database) setup_database "${2:-kap}" ;;
  broker) setup_broker_users "${2:-/}" "${3:-}" ;;
  prepare)
    # For a supervisor that runs the servers in the foreground itself (the Aspire AppHost): install and initialise
    # only, then print the folder.
    install_if_missing
    init_postgres
    prepare_archive
    init_rabbitmq
    echo "$state"
    ;;
  *) echo "usage: $0 up|env|down|state|backup-dir|postgres-options|prepare|database [name]|broker [vhost] [prefix]" >&2; exit 2 ;;
esac
