#!/usr/bin/env bash
# Stops a delivery on an image with CRITICAL vulnerabilities, before any stack runs it:
#   deploy/ecr-scan-gate.sh valmetal-staging/backend-api 0123abcd...
# The repositories scan on push (Registry/ImageRegistryStack.cs); this waits for that scan and reads its findings.
set -euo pipefail
repository="${1:?ECR repository name}"
tag="${2:?image tag}"

aws ecr wait image-scan-complete --repository-name "$repository" --image-id "imageTag=$tag"
counts="$(aws ecr describe-image-scan-findings --repository-name "$repository" --image-id "imageTag=$tag" \
  --query 'imageScanFindings.findingSeverityCounts' --output json)"
critical="$(jq -r '.CRITICAL // 0' <<<"${counts:-null}")"
echo "$repository:$tag scan findings by severity: ${counts:-none}"
if [ "$critical" -gt 0 ]; then
  aws ecr describe-image-scan-findings --repository-name "$repository" --image-id "imageTag=$tag" \
    --query "imageScanFindings.findings[?severity=='CRITICAL'].[name, uri]" --output text >&2
  echo "FAIL $repository:$tag has $critical CRITICAL finding(s); nothing was deployed" >&2
  exit 1
fi
