#!/usr/bin/env bash
# The compose RabbitMQ: the broker as the image starts it, then the services' users (users.sh) once it answers. The
# healthcheck also waits for the marker this writes, so no service starts before its broker user exists.
set -euo pipefail
marker=/tmp/platform-users-ready
rm -f "$marker"
docker-entrypoint.sh rabbitmq-server &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"' TERM INT
# await_startup fails at once until the node has registered with epmd, so retry it.
until rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; do
  kill -0 "$broker" 2>/dev/null || exit 1
  sleep 1
done
bash /platform-rabbitmq/users.sh /
touch "$marker"
wait "$broker"
