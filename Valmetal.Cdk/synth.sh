#!/usr/bin/env bash
# Synthesizes every stack offline into Valmetal.Cdk/cdk.out: no AWS account, credentials or lookups.
# Extra arguments go to `cdk synth` (for example -c valmetal:prod:account=123456789012).
set -euo pipefail
cd "$(dirname "$0")"
root="$(cd .. && pwd)"
sha="${VALMETAL_GIT_SHA:-$(git rev-parse HEAD 2>/dev/null || echo unversioned)}"

# jsii unpacks ~60 MB per process into TMPDIR and never deletes it: give it a folder this run owns.
work="$(mktemp -d "${TMPDIR:-/tmp}/valmetal-cdk.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work" JSII_RUNTIME_PACKAGE_CACHE_ROOT="$work/jsii-cache" CDK_HOME="$work/cdk-home"
export CDK_VALIDATION=false CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

dotnet build Valmetal.Cdk.csproj -c Debug -nologo -clp:ErrorsOnly
rm -rf cdk.out
"$root/node_modules/.bin/cdk" synth --quiet --no-notices -o cdk.out -c "valmetal:gitSha=$sha" "$@"
echo "Templates for ${sha}: $(ls cdk.out/*.template.json | wc -l) in Valmetal.Cdk/cdk.out"
