#!/usr/bin/env bash
# A profile of the benchmark's HTTP command mix (one command of each service: refer and an intake fact in
# Screening, a booking in Scheduling, an outcome in Integration; bench/Platform.Bench/HttpLoad.cs): the benchmark's http
# phase runs, dotnet-trace samples every managed thread's stack of its process (the three services are hosted in it,
# ~100 Hz, dotnet-sampled-thread-time: wall-clock time, waits included; the kernel CPU sampling of collect-linux needs
# user_events, which this machine's kernel lacks) for 30 s of the timed closed loop, and the report lists the methods
# on the stack longest, inclusive and exclusive. Run it alone on the machine, like
# every benchmark (bench/README.md).
#   bench/profile-commands.sh [--commands N]        (default 8,000 commands, about 50 s at 160/s)
# Writes artifacts/profile/{bench.log,commands.nettrace,inclusive.txt,exclusive.txt}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
commands=8000
[ "${1:-}" != --commands ] || commands=$2
trace=${DOTNET_TRACE:-$HOME/.dotnet/tools/dotnet-trace}
if [ ! -x "$trace" ]; then
  echo "profile: installing dotnet-trace (a dotnet tool)" >&2
  dotnet tool install -g dotnet-trace >/dev/null
fi

out=artifacts/profile
mkdir -p "$out"
rm -f "$out"/*
eval "$(deploy/local-infra.sh env)"
echo "profile: building the benchmark (Release)"
dotnet build -c Release -v q --nologo bench/Platform.Bench >/dev/null
dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll quick --phases http --commands "$commands" > "$out/bench.log" 2>&1 &
bench=$!
trap 'kill "$bench" 2>/dev/null || true' EXIT

# The timed closed loop prints its first progress line about 5 s in: JIT, pools and caches are warm by then.
echo "profile: waiting for the timed command loop"
until grep -q "http commands: " "$out/bench.log"; do
  kill -0 "$bench" 2>/dev/null || { cat "$out/bench.log" >&2; echo "profile: the benchmark ended before its command loop" >&2; exit 1; }
  sleep 0.5
done
echo "profile: sampling process $bench for 30 s"
"$trace" collect -p "$bench" --profile dotnet-sampled-thread-time --duration 00:00:00:30 -o "$out/commands.nettrace" >/dev/null
wait "$bench" || true
trap - EXIT
grep -E "http commands: [0-9]+/s|bare Marten" "$out/bench.log" || true
"$trace" report "$out/commands.nettrace" topN -n 40 --inclusive > "$out/inclusive.txt"
"$trace" report "$out/commands.nettrace" topN -n 40 > "$out/exclusive.txt"
echo "profile: $out/inclusive.txt and $out/exclusive.txt"
