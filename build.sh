#!/usr/bin/env bash
# Valmetal Connect: one entry point for developers and CI.
#   ./build.sh run     set up, build, and run the whole platform (Ctrl-C or SIGTERM stops everything)
#   ./build.sh test    set up, build, and run every test suite
#   ./build.sh test --fast   every suite that needs no AppHost (all but the end-to-end one; the schema suite starts its own PostgreSQL)
#   ./build.sh setup   only install prerequisites and build
#   ./build.sh synth   synthesize the AWS CDK stacks offline into Valmetal.Cdk/cdk.out (docs/deployment.md)
#   ./build.sh bench   measure the telemetry pipeline in Release against its raw baselines (--window SECONDS, default 30; --rate MSG/S;
#                      --devices N for a fleet of N connections, --overload; --help lists every option)
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

# Prerequisites and packages, without building.
prepare() {
  command -v dotnet >/dev/null || { echo "The .NET SDK is required (see global.json)." >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20+ is required." >&2; exit 1; }
  need_apt "${1:-}"
  # npm packages and NuGet packages download at once: both mostly wait on the network.
  local npm=""
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "Installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error &
    npm=$!
  fi
  log "Restoring NuGet packages"
  dotnet restore Valmetal.sln -nologo -v:quiet
  [ -z "$npm" ] || wait "$npm"
  # Front-end libraries come from npm (pinned by the lock file) and are served as static assets.
  mkdir -p Valmetal.Web/wwwroot/lib/uplot
  cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css Valmetal.Web/wwwroot/lib/uplot/
}

setup() {
  prepare "${1:-}"
  log "Building"
  dotnet build Valmetal.sln --no-restore -c Debug -nologo -clp:ErrorsOnly
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

# The end-to-end suite is the longest part by far, so it starts as soon as the platform and the suite are built. The
# rest of the solution is built, its suites run and the deployment is linted beside it, at a lower priority: they
# take the CPU the end-to-end suite leaves while it waits on browsers, devices and timers, not the CPU it needs.
run_tests() {
  prepare test
  local results="$ROOT/artifacts/test-results" beside="$ROOT/artifacts/beside-end-to-end.log"
  rm -rf "$results"
  mkdir -p "$results"
  log "Building the platform and the end-to-end suite"
  dotnet build tests/Valmetal.EndToEnd.Tests --no-restore -c Debug -nologo -clp:ErrorsOnly
  log "Running the end-to-end suite; building and running the other suites and linting the deployment beside it"
  (renice -n 10 "$BASHPID" >/dev/null && other_suites "$results") > "$beside" 2>&1 &
  local others=$! status=0 others_status=0
  dotnet_test tests/Valmetal.EndToEnd.Tests "$results" || status=$?
  wait "$others" || others_status=$?
  cat "$beside"
  # Failed tests with their messages, then "N passed, N failed": last, so a truncated CI log keeps them.
  node build/summarize-test-results.mjs "$results"
  if [ $others_status -ne 0 ]; then
    echo "The build, a suite or the deployment lint beside the end-to-end suite failed (output above the summary)." >&2
    status=$others_status
  fi
  return $status
}

# Every suite but the end-to-end one, without building or starting the AppHost: the quick check before a push. The
# suites run as many at a time as there are cores (much of their time is spent waiting on processes and sockets);
# each one's output is printed whole, in order, once all have finished.
run_fast_tests() {
  prepare
  local results="$ROOT/artifacts/test-results" logs="$ROOT/artifacts/fast-test-logs" failed=0 project name
  rm -rf "$results" "$logs"
  mkdir -p "$results" "$logs"
  log "Building every test project but the end-to-end one"
  dotnet build build/fast-tests.proj --no-restore -c Debug -nologo -clp:ErrorsOnly -m
  log "Running every suite but the end-to-end one, $(nproc) at a time"
  local started=$SECONDS
  for project in $(fast_suites); do
    while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
    name=$(basename "$project" .csproj)
    # The exit code goes to a file: a job reaped by `wait -n` cannot be waited for again.
    (status=0; unit_test "$project" "$results" > "$logs/$name.log" 2>&1 || status=$?; echo "$status" > "$logs/$name.status") &
  done
  wait
  for project in $(fast_suites); do
    name=$(basename "$project" .csproj)
    cat "$logs/$name.log"
    [ "$(cat "$logs/$name.status" 2>/dev/null)" = 0 ] || failed=1
  done
  log "The suites took $((SECONDS - started)) s"
  node build/summarize-test-results.mjs "$results"
  return $failed
}

# The suites --fast runs, the longest first, so the short ones fill in beside them and every core stays busy to the end.
# A suite not named here comes after these, in name order.
fast_suites() {
  local longest=(Api Cdk AwsHttp Web Schema BrokerClient) name project
  for name in "${longest[@]}"; do echo "tests/Valmetal.$name.Tests/Valmetal.$name.Tests.csproj"; done
  for project in tests/*/*.Tests.csproj; do
    name=$(basename "$project" .Tests.csproj)
    [ "$name" = Valmetal.EndToEnd ] && continue
    [[ " ${longest[*]} " == *" ${name#Valmetal.} "* ]] || echo "$project"
  done
}

dotnet_test() {
  dotnet test "$1" --no-build -c Debug --nologo --results-directory "$2" \
    --logger "trx" --logger "console;verbosity=normal" --blame-hang-timeout 10m
}

# A suite below the AppHost, with dynamic PGO off in every .NET process it starts (dotnet test's project evaluation,
# the test console, the test host): they live for seconds, and PGO's instrumented tier cost these suites a quarter of
# their CPU on 2 cores. Not for the end-to-end suite, whose services inherit its environment and run as deployed
# (with PGO off from their own runtime configuration, Directory.Build.props).
unit_test() {
  DOTNET_TieredPGO=0 dotnet_test "$@"
}

# Every suite but the end-to-end one, then the deployment lint; every step runs, and any failure fails the whole.
other_suites() {
  local failed=0 project
  log "Building the rest of the solution"
  dotnet build Valmetal.sln --no-restore -c Debug -nologo -clp:ErrorsOnly || return 1
  for project in tests/*/*.Tests.csproj; do
    [ "$project" = tests/Valmetal.EndToEnd.Tests/Valmetal.EndToEnd.Tests.csproj ] && continue
    unit_test "$project" "$1" || failed=1
  done
  lint_deploy || failed=1
  return $failed
}

# What deploys the platform: offline synthesis, then cfn-lint, cdk-nag, the workflow and Dockerfile checks. Staging is
# synthesized with Timestream as its time-series store, so both stores' templates are linted (dev and prod keep PostgreSQL).
lint_deploy() {
  log "Linting the deployment (templates, workflows, Dockerfiles)"
  Valmetal.Cdk/synth.sh -c valmetal:staging:timeSeriesStore=timestream && Valmetal.Cdk/lint/lint-deploy.sh Valmetal.Cdk/cdk.out
}

# The bench and the platform it starts in Release, the build the figures are for: Aspire runs each service with the
# AppHost's own configuration, and building the bench builds the AppHost and every service it starts.
bench() {
  prepare
  log "Building the bench and the platform (Release)"
  dotnet build bench/Valmetal.Bench --no-restore -c Release -nologo -clp:ErrorsOnly
  dotnet run --project bench/Valmetal.Bench --no-build -c Release -- "$@"
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
  test)
    case "${2:-}" in
      --fast) run_fast_tests ;;
      "") run_tests ;;
      *) echo "Unknown option for test: $2 (only --fast)" >&2; exit 2 ;;
    esac ;;
  synth) shift; setup; Valmetal.Cdk/synth.sh "$@" ;;
  bench) shift; bench "$@" ;;
  setup) setup test ;;
  clean) clean ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
