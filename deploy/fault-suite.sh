#!/usr/bin/env bash
# The fault-injection suite (bench/Platform.Faults) on a PostgreSQL and a RabbitMQ of its own (ports from 5442 and
# 5682, state in /var/tmp/kap-faults-<hash>), so stopping them never disturbs other servers on this machine. It builds the
# services, runs the suite with the given options (--short: what CI runs) and stops what it started.
#   deploy/fault-suite.sh [--short] [--cycles N] [--approvals N] [--outage-seconds N] [--copies N] [--only TEXT]
# (--only restore: the backup-and-restore drill alone, deploy/backup.sh and deploy/restore.sh on the suite's server)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export KAP_LOCAL_STATE=/var/tmp/kap-faults-$(printf '%s' "$root" | sha1sum | cut -c1-10)
# WAL archiving on, for the restore drill (deploy/backup.sh, deploy/restore.sh).
export KAP_WAL_ARCHIVE=on
# Ports of its own, the first free ones from 5442, 5682 and 9181: a server another run left behind is never reused
# (its data folder and broker node would not be the ones this run stops and starts), nor another run's services.
free_port() { local port=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done; echo "$port"; }
export PGPORT=$(free_port 5442) KAP_SECOND_POSTGRES=off
export AMQP_PORT=$(free_port 5682)
export RABBITMQ_NODENAME=kap-faults-$AMQP_PORT@localhost RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=$((AMQP_PORT + 20000))
export FAULTS_DATABASE=kap_faults
export FAULTS_SCREENING_PORT=$(free_port 9181)
export FAULTS_SCHEDULING_PORT=$(free_port $((FAULTS_SCREENING_PORT + 1)))
export FAULTS_INTEGRATION_PORT=$(free_port $((FAULTS_SCHEDULING_PORT + 1)))
# A second Integration node, for the daemon-leader failover.
export FAULTS_INTEGRATION_2_PORT=$(free_port $((FAULTS_INTEGRATION_PORT + 1)))

# Scheduling runs in a network namespace of its own, joined to this host by a veth pair, so the network faults can drop
# and cut its traffic with nftables there without touching anything else on the machine (this kernel has no tc netem;
# latency comes from the suite's relays, bench/Platform.Faults/Network.cs). It reaches PostgreSQL and RabbitMQ through
# those relays on the host's end of the pair. Needs root (ip netns): without it Scheduling runs on loopback and the
# network faults are skipped.
# nftables is not on every fresh Debian machine (CI's first run here failed on "exec of nft failed").
if ! command -v nft >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "fault-suite: installing nftables (the network faults' packet loss and partition)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nftables; } >/dev/null 2>&1 ||
    echo "fault-suite: could not install nftables; the loss and partition faults will fail" >&2
fi
netns=kapf-$AMQP_PORT
subnet=10.213.$(((AMQP_PORT - 5682) % 250))
ip netns del "$netns" 2>/dev/null || true
if ip netns add "$netns" 2>/dev/null; then
  ip link add "${netns}h" type veth peer name "${netns}n"
  ip link set "${netns}n" netns "$netns"
  ip addr add "$subnet.1/30" dev "${netns}h"
  ip link set "${netns}h" up
  ip -n "$netns" addr add "$subnet.2/30" dev "${netns}n"
  ip -n "$netns" link set "${netns}n" up
  ip -n "$netns" link set lo up
  export FAULTS_NETNS=$netns FAULTS_NETNS_HOST=$subnet.1 FAULTS_NETNS_NODE=$subnet.2
else
  echo "fault-suite: no network namespace (ip netns needs root): Scheduling on loopback, the network faults skipped" >&2
fi

# The suite kills its service processes when it ends; when it crashes they would outlive it and, once this run's
# servers start again on the same ports, join the next run (a leftover node leading its daemon).
# The restore drill's trial server (deploy/restore.sh into postgres/trial) is stopped by the suite; after a crash, here.
trap 'pkill -9 -f "$root/services/.*/bin/Release/net10.0/" || true; deploy/local-infra.sh down; ip netns del "$netns" 2>/dev/null || true
  [ ! -f "$KAP_LOCAL_STATE/postgres/trial/postmaster.pid" ] || runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$KAP_LOCAL_STATE/postgres/trial" -m immediate stop' EXIT
# A fresh broker too: messages a crashed earlier run left queued would count as this run's duplicates. The port is
# free, so no broker runs on this node's data.
rm -rf "$KAP_LOCAL_STATE/rabbitmq/mnesia/$RABBITMQ_NODENAME"*
# Its own backups too (the restore drill's base backups and WAL archive): an earlier run's timelines in the archive
# would be followed by a restore to "latest", and the database they hold is dropped below anyway.
rm -rf "$KAP_LOCAL_STATE/backups" "$KAP_LOCAL_STATE"/postgres/lost-* "$KAP_LOCAL_STATE/postgres/trial"
deploy/local-infra.sh up >/dev/null
# A fresh database each run, so the duplicate count sees this run only.
PGPASSWORD=postgres psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "drop database if exists $FAULTS_DATABASE with (force)" >/dev/null
deploy/local-infra.sh database "$FAULTS_DATABASE"
deploy/local-infra.sh broker / >/dev/null

echo "fault-suite: building the services and the suite (Release)"
for project in services/Screening/Screening.Api services/Scheduling/Scheduling.Api services/Integration/Integration.Api bench/Platform.Faults; do
  if ! out=$(dotnet build -c Release -v q --nologo "$project" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "fault-suite: $project does not build" >&2
    exit 1
  fi
done
dotnet bench/Platform.Faults/bin/Release/net10.0/Platform.Faults.dll "$@"
