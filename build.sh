#!/usr/bin/env bash
# Valmetal Connect: one entry point for developers and CI.
#   ./build.sh run     set up, build, and run the whole platform (Ctrl-C or SIGTERM stops everything)
#   ./build.sh test    set up, build, and run every test suite
#   ./build.sh setup   only install prerequisites and build
#   ./build.sh synth   synthesize the AWS CDK stacks offline into Valmetal.Cdk/cdk.out (docs/deployment.md)
#   ./build.sh bench   measure the telemetry pipeline against its raw baselines (--window SECONDS, default 30; --rate MSG/S)
#   ./build.sh clean   delete local state (databases, broker data, certificates)
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"

log() { printf '\033[1;32m==> %s\033[0m\n' "$*"; }

need_apt() {
  local missing=()
  command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
  if [ "${1:-}" = test ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # certutil: the suite's browser trusts the local CA through an NSS database of its own.
    command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

setup() {
  command -v dotnet >/dev/null || { echo "The .NET SDK is required (see global.json)." >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20+ is required." >&2; exit 1; }
  need_apt "${1:-}"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "Installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # Front-end libraries come from npm (pinned by the lock file) and are served as static assets.
  mkdir -p Valmetal.Web/wwwroot/lib/uplot
  cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css Valmetal.Web/wwwroot/lib/uplot/
  log "Building"
  dotnet build Valmetal.sln -c Debug -nologo -clp:ErrorsOnly
}

run() {
  setup
  # Fixed local addresses (README.md); the dashboard needs no login on this machine only.
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
  export ASPNETCORE_URLS="http://localhost:18888"
  export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:18889"
  export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:18890"
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  export ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true
  log "Starting the platform: dashboard http://localhost:18888 · web https://localhost:5000 · API https://localhost:5080/scalar (certificates of the local CA: .state/pki/ca.crt)"
  log "Local sign-in (README lists every role): admin@valmetal.local / Valmetal-Admin-2026 · beauregard@farm.local / Valmetal-Farmer-2026"
  # exec: the AppHost itself receives Ctrl-C or SIGTERM and stops every process it started.
  # Its folder is the content root, where its appsettings.json lives.
  cd "$ROOT/Valmetal.AppHost"
  exec "$ROOT/Valmetal.AppHost/bin/Debug/net10.0/Valmetal.AppHost" "$@"
}

run_tests() {
  setup test
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"
  mkdir -p "$results"
  log "Running tests"
  local status=0
  dotnet test Valmetal.sln --no-build -c Debug --nologo \
    --results-directory "$results" \
    --logger "trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m || status=$?
  # Failed tests with their messages, then "N passed, N failed": last, so a truncated CI log keeps them.
  node build/summarize-test-results.mjs "$results"
  lint_deploy || status=$?
  return $status
}

# What deploys the platform: offline synthesis, then cfn-lint, cdk-nag, the workflow and Dockerfile checks. Staging is
# synthesized with Timestream as its time-series store, so both stores' templates are linted (dev and prod keep PostgreSQL).
lint_deploy() {
  log "Linting the deployment (templates, workflows, Dockerfiles)"
  Valmetal.Cdk/synth.sh -c valmetal:staging:timeSeriesStore=timestream && Valmetal.Cdk/lint/lint-deploy.sh Valmetal.Cdk/cdk.out
}

clean() {
  # As root, PostgreSQL's cluster lives outside the state folder, which links to it (docs/decisions.md).
  local cluster
  if cluster=$(readlink .state/postgres/data); then
    case "$cluster" in /var/lib/valmetal-connect/*/data) rm -rf "${cluster%/data}" ;; esac
  fi
  rm -rf .state .test-state artifacts
  log "Local state removed"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) run_tests ;;
  synth) shift; setup; Valmetal.Cdk/synth.sh "$@" ;;
  bench) shift; setup; dotnet run --project bench/Valmetal.Bench --no-build -c Debug -- "$@" ;;
  setup) setup test ;;
  clean) clean ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
