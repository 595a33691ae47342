#!/usr/bin/env bash
# Deploys stacks with the CDK CLI from the pipeline, one stack per call, in this order:
#   Valmetal.Cdk/deploy.sh valmetal-staging-registry   (then push the images)
#   Valmetal.Cdk/deploy.sh valmetal-staging-backend    (skipped for a web-only change)
#   Valmetal.Cdk/deploy.sh valmetal-staging-web
# --exclusively: only the named stack is deployed, never the stacks it depends on.
# The commit SHA tags the images and every resource; account, region and certificate come from cdk.json or
# from -c overrides (CDK_CONTEXT_ARGS, set per GitHub environment).
set -euo pipefail
cd "$(dirname "$0")"
export CDK_VALIDATION=false CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
dotnet build Valmetal.Cdk.csproj -c Debug -nologo -clp:ErrorsOnly
# shellcheck disable=SC2086 # CDK_CONTEXT_ARGS is a list of -c key=value words.
../node_modules/.bin/cdk deploy "$@" --exclusively --require-approval never --no-notices \
  -c "valmetal:gitSha=${IMAGE_TAG:-$(git rev-parse HEAD)}" ${CDK_CONTEXT_ARGS:-}
