#!/usr/bin/env bash
# Smoke test of a deployed environment, run by the delivery workflow after `cdk deploy`:
#   deploy/smoke-test.sh https://api.staging.example https://app.staging.example
# Both services answer /health, the API refuses an anonymous call (JWT validation is wired to Cognito) and
# the web client serves its sign-in page, and the API's operation map is not public. Retries cover the minutes a rolling deployment takes to settle.
set -euo pipefail
api="${1:?API base URL}"
web="${2:?web base URL}"

expect() { # url expected-status
  local status
  for attempt in $(seq 1 30); do
    status=$(curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 "$1" || true)
    if [ "$status" = "$2" ]; then
      echo "ok   $1 -> $status"
      return 0
    fi
    echo "wait $1 -> $status (attempt $attempt, want $2)"
    sleep 10
  done
  echo "FAIL $1 never answered $2" >&2
  return 1
}

expect "$api/health" 200
expect "$web/health" 200
expect "$api/api/models" 401
# The OpenAPI document and reference page are not published outside Development (OpenApi:Enabled).
expect "$api/openapi/v1.json" 404
expect "$api/scalar/" 404
expect "$web/" 200
