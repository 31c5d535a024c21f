#!/usr/bin/env bash
# Restores a base backup of deploy/backup.sh into a fresh data folder and starts a new PostgreSQL on it, which replays
# the archived WAL up to a moment (point-in-time recovery) or to the end of the archive, then promotes itself to a
# primary; optionally loads the backup's RabbitMQ definitions into a broker. Prints how long it took.
#
#   deploy/restore.sh BACKUP DATA_DIR PORT [--to TIME] [--archive] [--rabbitmq NODE]
#     BACKUP    a folder under <backup dir>/base, or "latest" (the newest one)
#     DATA_DIR  a data folder that does not exist yet or is empty: a restore never overwrites a server's data
#     PORT      the new server's port (127.0.0.1)
#     --to TIME replay only the transactions committed up to TIME (e.g. "2026-12-06 23:10:05.25+00"); without it,
#               everything the archive holds (what the lost server had archived: up to archive_timeout short of its end)
#     --archive the new server goes on archiving into the same WAL archive, with deploy/local-infra.sh's options (it
#               becomes the server that local-infra.sh's state describes: use DATA_DIR = <state>/postgres/data)
#     --rabbitmq NODE  rabbitmqctl import_definitions of the backup's rabbitmq-definitions.json into NODE
#                      (RABBITMQCTL overrides how rabbitmqctl runs, e.g. "docker compose exec -T rabbitmq rabbitmqctl")
#   KAP_BACKUP_DIR: the backup folder (default: deploy/local-infra.sh's); its wal/ folder is the archive replayed.
#
# The server it starts keeps running: stop it with pg_ctl -D DATA_DIR stop (as the postgres user), or, with --archive
# on local-infra.sh's data folder, deploy/local-infra.sh down.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 BACKUP|latest DATA_DIR PORT [--to TIME] [--archive] [--rabbitmq NODE]" >&2; exit 2; }
fail() { echo "restore: $*" >&2; exit 1; }

[ $# -ge 3 ] || usage
backup=$1 data=$2 port=$3
shift 3
to="" archive=false rabbit_node=""
while [ $# -gt 0 ]; do
  case "$1" in
    --to) [ $# -ge 2 ] || usage; to=$2; shift 2 ;;
    --archive) archive=true; shift ;;
    --rabbitmq) [ $# -ge 2 ] || usage; rabbit_node=$2; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] || usage

clock_start=$(date +%s.%N)
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
backup_dir=${KAP_BACKUP_DIR:-$("$root/deploy/local-infra.sh" backup-dir)}
if [ "$backup" = latest ]; then
  backup=$(ls -d "$backup_dir"/base/*/ 2>/dev/null | sort | tail -n 1)
  [ -n "$backup" ] || fail "no base backup under $backup_dir/base"
fi
backup=${backup%/}
[ -f "$backup/base.tar.gz" ] || fail "$backup holds no base.tar.gz (not a deploy/backup.sh folder)"
wal="$backup_dir/wal"
[ -d "$wal" ] || fail "no WAL archive at $wal"
if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then fail "$data is not empty: restore into a fresh folder"; fi
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && fail "port $port already answers: stop that server first"

mkdir -p "$data"
tar -xzf "$backup/base.tar.gz" -C "$data"
tar -xzf "$backup/pg_wal.tar.gz" -C "$data/pg_wal"
# The base backup carries the server's postgresql.auto.conf; when that server was itself restored, it holds the
# recovery settings of that restore, which would stop this one at the old target: they go before this restore's.
sed -i -e '/^# deploy\/restore.sh of /d' -e '/^restore_command = /d' -e '/^recovery_target/d' "$data/postgresql.auto.conf"
{
  echo "# deploy/restore.sh of $backup, $(date -u +%FT%TZ)"
  echo "restore_command = 'cp \"$wal/%f\" \"%p\"'"
  [ -z "$to" ] || echo "recovery_target_time = '$to'"
  # Promote at the target: the restored server takes writes at once, on a new timeline, so the lost server's WAL
  # after the target (still in the archive) is never replayed into it.
  echo "recovery_target_action = 'promote'"
  echo "recovery_target_timeline = 'latest'"
} >> "$data/postgresql.auto.conf"
touch "$data/recovery.signal"
chown -R postgres:postgres "$data"
chmod 700 "$data"

# hot_standby=off: no one connects before the promotion (the services would read a half-replayed database); the wait
# below then only sees a primary.
if $archive; then
  options="$(PGPORT=$port "$root/deploy/local-infra.sh" postgres-options) -c hot_standby=off"
else
  options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c max_connections=300 -c hot_standby=off"
fi
log="$data/restore.log"
echo "restore: replaying $(basename "$backup") + $wal into $data on 127.0.0.1:$port${to:+, up to $to}" >&2
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 3600 -o "$options" start >/dev/null ||
  { tail -n 20 "$log" >&2; fail "the restored server did not start; see $log"; }

export PGPASSWORD=${PGPASSWORD:-postgres}
until [ "$(psql -X -Atq -h 127.0.0.1 -p "$port" -U "${PGUSER:-postgres}" -d postgres -c 'select pg_is_in_recovery()' 2>/dev/null)" = f ]; do
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1 ||
    { tail -n 20 "$log" >&2; fail "the restored server stopped during recovery; see $log"; }
  sleep 0.2
done
# What recovery did, in PostgreSQL's words: where it stopped and the last transaction it kept.
grep -E "recovery stopping|last completed transaction|archive recovery complete|selected new timeline" "$log" | sed 's/^/restore: /' >&2 || true

if [ -n "$rabbit_node" ]; then
  [ -f "$backup/rabbitmq-definitions.json" ] || fail "$backup holds no rabbitmq-definitions.json"
  rabbitmqctl=${RABBITMQCTL:-rabbitmqctl}
  # Debian's rabbitmqctl runs as the rabbitmq user, who cannot read the root-only backup, and 3.10 refuses "-"
  # (standard input) for import: a private copy that user can read, removed at once. With compose, copy the file into
  # the container first (docker compose cp) and run rabbitmqctl import_definitions there.
  definitions=$(mktemp)
  cp "$backup/rabbitmq-definitions.json" "$definitions"
  ! id rabbitmq >/dev/null 2>&1 || chown rabbitmq "$definitions"
  if ! $rabbitmqctl -q -n "$rabbit_node" import_definitions "$definitions"; then
    rm -f "$definitions"
    fail "rabbitmqctl import_definitions into $rabbit_node failed"
  fi
  rm -f "$definitions"
  echo "restore: RabbitMQ definitions imported into $rabbit_node" >&2
fi

echo "restore: 127.0.0.1:$port accepts writes, $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $clock_start }") s after the restore began"
