#!/usr/bin/env bash
# Device round trip against a deployed environment, run by the delivery workflow after the staging deploy:
#   deploy/smoke-test-device.sh https://api.staging.example
# Signs in as the seeded smoke-test user (Cognito USER_PASSWORD_AUTH, as the web app does), publishes one telemetry
# sample over MQTT with the test device's certificate (IoT Core, mutual TLS), then reads it back through the API's
# metric history: IoT Core -> telemetry service -> PostgreSQL -> API, end to end.
#
# Inputs (environment; docs/deployment.md lists them with the GitHub settings that feed them):
#   USER_POOL_CLIENT_ID   the web app client (backend stack output UserPoolClientId)
#   SMOKE_USER_SECRET     Secrets Manager secret {"username": ..., "password": ...} of a user who may read the device
#   SMOKE_DEVICE_SECRET   Secrets Manager secret {"thingName": ..., "certificatePem": ..., "privateKeyPem": ...} of a
#                         test device registered in IoT Core with the device policy and known to the API as equipment
#   SMOKE_METRIC          a metric of the device's model (default motor_current_a)
#   AWS_REGION            as configured by the workflow; needs aws, jq, curl and mosquitto_pub on the PATH
set -euo pipefail
api="${1:?API base URL}"
: "${USER_POOL_CLIENT_ID:?}" "${SMOKE_USER_SECRET:?}" "${SMOKE_DEVICE_SECRET:?}"
metric="${SMOKE_METRIC:-motor_current_a}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
secret() { aws secretsmanager get-secret-value --secret-id "$1" --query SecretString --output text; }

user="$(secret "$SMOKE_USER_SECRET")"
token="$(aws cognito-idp initiate-auth --client-id "$USER_POOL_CLIENT_ID" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters "USERNAME=$(jq -r .username <<<"$user"),PASSWORD=$(jq -r .password <<<"$user")" \
  --query AuthenticationResult.AccessToken --output text)"
[ -n "$token" ] && [ "$token" != None ] || { echo "FAIL sign-in returned no access token" >&2; exit 1; }
echo "ok   signed in as the smoke-test user"

device="$(secret "$SMOKE_DEVICE_SECRET")"
thing="$(jq -r .thingName <<<"$device")"
jq -r .certificatePem <<<"$device" >"$work/device.crt"
(umask 077; jq -r .privateKeyPem <<<"$device" >"$work/device.key")
# IoT Core's server certificate chains to Amazon Root CA 1, which the system trust store holds.
endpoint="$(aws iot describe-endpoint --endpoint-type iot:Data-ATS --query endpointAddress --output text)"

# A value no other run sends (three random decimals), well inside the metric's normal range so no alarm is raised.
value="10.$(printf '%03d' $((RANDOM % 1000)))"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
payload="$(jq -cn --argjson seq "$(date +%s%3N)" --arg ts "$now" --arg metric "$metric" --argjson value "$value" \
  '{seq: $seq, ts: $ts, metrics: {($metric): $value}}')"
mosquitto_pub -h "$endpoint" -p 8883 --capath /etc/ssl/certs --cert "$work/device.crt" --key "$work/device.key" \
  -i "$thing" -q 1 -t "dt/valmetal/$thing/telemetry" -m "$payload"
echo "ok   published $metric=$value for $thing at $now"

from="$(date -u -d '-5 minutes' +%Y-%m-%dT%H:%M:%SZ)"
for attempt in $(seq 1 20); do
  to="$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)"
  history="$(curl --silent --show-error --fail --max-time 10 --get -H "Authorization: Bearer $token" \
    --data-urlencode "from=$from" --data-urlencode "to=$to" --data-urlencode "bucketSeconds=60" \
    "$api/api/equipment/$thing/metrics/$metric/history" || true)"
  if jq -e --argjson v "$value" '[.buckets[]? | select(.count > 0 and .min <= $v and .max >= $v)] | length > 0' \
    <<<"${history:-null}" >/dev/null 2>&1; then
    echo "ok   the API returns $metric=$value for $thing (attempt $attempt)"
    exit 0
  fi
  echo "wait the sample is not in the history yet (attempt $attempt)"
  sleep 6
done
echo "FAIL $metric=$value published for $thing never came back through the API" >&2
exit 1
