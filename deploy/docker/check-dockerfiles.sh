#!/usr/bin/env bash
# Structural checks of deploy/docker/*.Dockerfile. Debian 12 packages no Dockerfile linter (no hadolint) and
# no Docker daemon runs here, so this checks the rules we rely on: multi-stage builds, base images pinned to an
# exact version or digest, a non-root USER in the final stage, exec-form ENTRYPOINT, no remote ADD.
set -uo pipefail
cd "$(dirname "$0")"
problems=0
fail() { echo "$1: $2" >&2; problems=$((problems + 1)); }

for file in *.Dockerfile; do
  froms=$(grep -cE '^FROM ' "$file")
  [ "$froms" -ge 2 ] || fail "$file" "not multi-stage (one FROM)"

  while read -r image; do
    # Either a digest, or a tag that starts with a version number (10.0.12-..., 20.20.2-...), never "latest".
    [[ "$image" =~ @sha256:[0-9a-f]{64}$ || "$image" =~ :[0-9]+\.[0-9]+\.[0-9]+[^:/]*$ ]] \
      || fail "$file" "base image not pinned to an exact version or digest: $image"
  done < <(awk '/^FROM /{print $2}' "$file")

  final_user=$(awk '/^FROM /{user=""} /^USER /{user=$2} END{print user}' "$file")
  [[ -n "$final_user" && "$final_user" != root && "$final_user" != 0 && "$final_user" != 0:* ]] \
    || fail "$file" "the final stage does not switch to a non-root USER"

  # The task definition mounts its scratch volume at /tmp (read-only root filesystem); ECS takes its owner from here.
  grep -qE '^VOLUME \["/tmp"\]' "$file" || fail "$file" "no VOLUME [\"/tmp\"] for the task's writable scratch folder"
  grep -qE '^ENTRYPOINT \[' "$file" || fail "$file" "ENTRYPOINT missing or not in exec form"
  # Services run with two malloc arenas and a fixed gen0 budget (docs/decisions.md), as the local platform runs them.
  grep -qE '^ENV MALLOC_ARENA_MAX=2$' "$file" || fail "$file" "no ENV MALLOC_ARENA_MAX=2 (resident memory creeps up with glibc's default arenas)"
  grep -qE '^ENV DOTNET_GCgen0size=0x400000$' "$file" || fail "$file" "no ENV DOTNET_GCgen0size=0x400000 (a quiet service's heap climbs with garbage under the cache-sized default)"
  grep -qE '^ADD +https?://' "$file" && fail "$file" "ADD of a URL: download in a build stage and verify instead"
  grep -qE '^[A-Z]+ .*\bsudo\b' "$file" && fail "$file" "sudo in a build step"
  grep -qE '^(MAINTAINER|FROM [^ ]+:latest)' "$file" && fail "$file" "deprecated or unpinned instruction"
done

if [ "$problems" -gt 0 ]; then
  echo "Dockerfile check: $problems problem(s)" >&2
  exit 1
fi
echo "Dockerfile check: $(ls *.Dockerfile | wc -l) Dockerfiles are multi-stage, pinned and non-root"
