#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ. Uses the servers named by ConnectionStrings__Postgres and
# ConnectionStrings__RabbitMq when set; otherwise brings them up on loopback with deploy/local-infra.sh.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${ConnectionStrings__Postgres:-}" ] || [ -z "${ConnectionStrings__RabbitMq:-}" ]; then
  eval "$(deploy/local-infra.sh up)"
fi
export ConnectionStrings__Postgres ConnectionStrings__RabbitMq
start=$(date +%s)
dotnet test Platform.sln --logger "console;verbosity=minimal" "$@"
echo "test.sh: all tests passed in $(( $(date +%s) - start ))s"
