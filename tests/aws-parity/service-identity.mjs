// Runs the service-identity custom resource (Valmetal.Cdk/CustomResources/service-identity.mjs) with AWS's own IoT and
// Secrets Manager clients pointed at a capture server on loopback, which stands in for IoT Core, Secrets Manager and
// CloudFormation's response URL (none of them runs here). stdin: { secretFails }; stdout: the requests in order,
// each { method, path, target, body }, with the CloudFormation responses among them (path /cloudformation).
import { readInput, startCapture } from "./capture-server.mjs";

const { secretFails } = await readInput();
const certificateId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const certificateArn = `arn:aws:iot:ca-central-1:333333333333:cert/${certificateId}`;
const { endpoint, captured, close } = await startCapture((request, res) => {
  if (request.path.startsWith("/keys-and-certificate")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({
      certificateArn, certificateId, certificatePem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      keyPair: { PublicKey: "public", PrivateKey: "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n" },
    }));
  } else if (request.target === "secretsmanager.PutSecretValue" && secretFails) {
    res.writeHead(400, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify({ __type: "AccessDeniedException", message: "not allowed" }));
  } else {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  }
});
const { handler } = await import("../../Valmetal.Cdk/CustomResources/service-identity.mjs");

const event = (type, physicalId) => ({
  RequestType: type,
  ResponseURL: `${endpoint}/cloudformation`,
  StackId: "arn:aws:cloudformation:ca-central-1:333333333333:stack/valmetal-prod-backend/1",
  RequestId: `request-${type}`,
  LogicalResourceId: "TelemetryBrokerIdentityCertificate",
  ResourceType: "Custom::ServiceBrokerIdentity",
  PhysicalResourceId: physicalId,
  ResourceProperties: {
    ServiceToken: "arn:aws:lambda:ca-central-1:333333333333:function:identity",
    PolicyName: "valmetal-prod-telemetry-broker",
    SecretId: "arn:aws:secretsmanager:ca-central-1:333333333333:secret:valmetal-prod/broker/telemetry-AbCdEf",
  },
});

await handler(event("Create"));
if (!secretFails) {
  await handler(event("Delete", certificateArn));
}

close();
process.stdout.write(JSON.stringify(captured));
