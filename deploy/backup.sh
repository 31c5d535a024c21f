#!/usr/bin/env bash
# A backup of the platform's state: a PostgreSQL base backup (pg_basebackup, tar, gzip, the WAL it needs included)
# and RabbitMQ's definitions (users, vhosts, permissions, exchanges, queues, bindings, policies) in one folder,
#   <backup dir>/base/<UTC time>-<label>/{base.tar.gz, pg_wal.tar.gz, backup_manifest, rabbitmq-definitions.json}
# next to the WAL archive <backup dir>/wal that PostgreSQL fills (deploy/local-infra.sh turns archiving on). The base
# backup plus the archived WAL after it restore to any moment since (deploy/restore.sh); without the archive, only to
# the end of the base backup.
#
#   deploy/backup.sh [label]       label: letters, digits, - and _ (default "manual")
#
# Against deploy/local-infra.sh's servers it needs nothing more (KAP_LOCAL_STATE, PGPORT and RABBITMQ_NODENAME as
# given to local-infra.sh). Elsewhere:
#   KAP_BACKUP_DIR    where backups go (default: local-infra.sh's <state>/backups)
#   PGHOST PGPORT PGUSER PGPASSWORD   a role with REPLICATION (default 127.0.0.1:5432, postgres/postgres)
#   RABBITMQCTL       how to run rabbitmqctl (default "rabbitmqctl -n $RABBITMQ_NODENAME"); KAP_BACKUP_BROKER=off skips it
# With docker compose the WAL archive must be a volume the postgres container writes (archive_command) and this
# script reads; docker-compose.yml documents the `backups` volume. For example:
#   KAP_BACKUP_DIR=/var/backups/kap PGPASSWORD=$POSTGRES_PASSWORD RABBITMQCTL="docker compose exec -T rabbitmq rabbitmqctl" deploy/backup.sh nightly
# Back up the folder off the machine (a backup next to the database it protects is lost with the disk).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 [label]   (env: KAP_BACKUP_DIR, PGHOST, PGPORT, PGUSER, PGPASSWORD, RABBITMQCTL, KAP_BACKUP_BROKER=off)" >&2; exit 2; }
fail() { echo "backup: $*" >&2; exit 1; }

label=${1:-manual}
case "$label" in -h|--help) usage ;; esac
[[ "$label" =~ ^[A-Za-z0-9_-]+$ ]] || usage
[ $# -le 1 ] || usage

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pg_bin/pg_basebackup" ] || pg_bin=$(dirname "$(command -v pg_basebackup || echo /missing/pg_basebackup)")
[ -x "$pg_bin/pg_basebackup" ] || fail "pg_basebackup not found (install postgresql-client, or set PG_BIN)"
backup_dir=${KAP_BACKUP_DIR:-$("$root/deploy/local-infra.sh" backup-dir)}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}

started=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_dir/base/$started-$label"
[ ! -e "$target" ] || fail "$target already exists"
mkdir -p "$backup_dir/base"
clock=$SECONDS

# --checkpoint=fast: start at once rather than waiting for the next scheduled checkpoint (up to 5 minutes);
# -X stream: the WAL written during the backup comes along, so the backup restores even without the archive.
if ! "$pg_bin/pg_basebackup" -D "$target" -F tar -z -X stream --checkpoint=fast -l "kap $label $started" 2> "$target.log"; then
  cat "$target.log" >&2
  rm -rf "$target"
  fail "pg_basebackup from $PGHOST:$PGPORT failed (the role needs REPLICATION and pg_hba.conf a replication line)"
fi
rm -f "$target.log"
# The archive must be on for point-in-time recovery; a base backup alone is still worth keeping, so this only warns.
if [ "$(psql -X -Atc 'show archive_mode' -d postgres 2>/dev/null)" != on ]; then
  echo "backup: warning: archive_mode is not on at $PGHOST:$PGPORT; this backup restores to its own end only" >&2
fi

if [ "${KAP_BACKUP_BROKER:-on}" != off ]; then
  rabbitmqctl=${RABBITMQCTL:-rabbitmqctl -n ${RABBITMQ_NODENAME:-rabbit@localhost}}
  # The definitions hold the users' password hashes: readable by the owner only.
  ( umask 077; $rabbitmqctl -q export_definitions - > "$target/rabbitmq-definitions.json" ) ||
    fail "rabbitmqctl export_definitions failed ($rabbitmqctl); the PostgreSQL part is in $target (KAP_BACKUP_BROKER=off skips the broker)"
fi
chmod 700 "$target"

echo "backup: $target ($(du -sh "$target" | cut -f1), $((SECONDS - clock)) s)"
