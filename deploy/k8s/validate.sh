#!/usr/bin/env bash
# Renders both overlays with kustomize and validates every object offline (validate.mjs): built-in kinds against the
# Kubernetes schemas of the npm package kubernetes-models, custom resources against the CRDs in crds/. Used by
# .ci/run (step k8s). Needs node/npm; installs kubectl when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

# Rendering: `kubectl kustomize`. The kustomizations keep to kustomize v2 syntax (bases, patchesJson6902 with patch
# files, global generatorOptions), so kubectl 1.20 from Debian's kubernetes-client renders them as newer ones do
# (checked: identical output with 1.20.2 and 1.32); newer kubectl only warns that the fields are deprecated.
if ! command -v kubectl >/dev/null; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
fi

# Packages pinned by package-lock.json; after this nothing is fetched.
[ -d node_modules/kubernetes-models ] || npm ci --no-audit --no-fund --loglevel=error

# The copies kustomize can read (it reads no file outside the kustomization) must equal their sources.
cmp ../postgres/database.sql base/postgres/database.sql
cmp ../otel/collector.yaml base/otel/collector.yaml

out=$(mktemp -d)
status=0
for overlay in staging production; do
  echo "validate.sh: overlays/$overlay"
  # Deprecation warnings of newer kubectl go to stderr; a render error fails the step.
  kubectl kustomize "overlays/$overlay" > "$out/$overlay.yaml" 2> "$out/$overlay.err" || { cat "$out/$overlay.err" >&2; status=1; continue; }
  node validate.mjs "$out/$overlay.yaml" || status=1
done
rm -rf "$out"
exit "$status"
