#!/usr/bin/env bash
# Lints what deploys the platform: the synthesized templates (cfn-lint, cdk-nag AwsSolutions), the GitHub
# workflows (action-validator) and the Dockerfiles. Every linter runs; the script fails if any of them fails.
#   Valmetal.Cdk/lint/lint-deploy.sh [cdk.out folder, default Valmetal.Cdk/cdk.out]
set -uo pipefail
cd "$(dirname "$0")/../.."
out="${1:-Valmetal.Cdk/cdk.out}"
failed=()
step() { printf '\033[1;32m==> %s\033[0m\n' "$*"; }

step "cfn-lint $(cfn-lint --version 2>/dev/null | cut -d' ' -f2) on $(ls "$out"/*.template.json | wc -l) templates"
if ! command -v cfn-lint >/dev/null; then
  echo "cfn-lint is missing (pip install cfn-lint==1.51.0)" >&2; failed+=(cfn-lint)
else
  cfn-lint "$out"/*.template.json || failed+=(cfn-lint)
fi

step "cdk-nag AwsSolutions (acknowledged findings: Valmetal.Cdk/nag-acknowledgements.json)"
node Valmetal.Cdk/lint/cdk-nag-check.mjs "$out" Valmetal.Cdk/nag-acknowledgements.json || failed+=(cdk-nag)

step "GitHub workflows and actions (action-validator)"
for workflow in .github/workflows/*.yml .github/actions/*/action.yml; do
  node_modules/.bin/action-validator "$workflow" || failed+=("$workflow")
done

step "Dockerfiles"
deploy/docker/check-dockerfiles.sh || failed+=(dockerfiles)
# The images run this probe as their health check; it is not in Valmetal.sln, so it is compiled here.
dotnet build deploy/docker/health-probe -nologo -clp:ErrorsOnly -v:quiet >/dev/null || failed+=(health-probe)

if [ ${#failed[@]} -gt 0 ]; then
  echo "Deployment lint failed: ${failed[*]}" >&2
  exit 1
fi
echo "Deployment lint passed"
