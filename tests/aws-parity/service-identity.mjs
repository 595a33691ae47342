// Runs the service-identity custom resource (Valmetal.Cdk/CustomResources/service-identity.mjs) with AWS's own IoT and
// Secrets Manager clients pointed at a capture server on loopback, which stands in for IoT Core, Secrets Manager and
// CloudFormation's response URL (none of them runs here). stdin: { secretFails }; stdout: the requests in order,
// each { method, path, target, body }, with the CloudFormation responses among them (path /cloudformation).
import http from "node:http";

const { secretFails } = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

const certificateId = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const certificateArn = `arn:aws:iot:ca-central-1:333333333333:cert/${certificateId}`;
const captured = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const request = {
      method: req.method,
      path: req.url,
      target: req.headers["x-amz-target"] ?? null,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    captured.push(request);
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
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${server.address().port}`;

Object.assign(process.env, {
  AWS_ENDPOINT_URL: endpoint,
  AWS_REGION: "ca-central-1",
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  AWS_MAX_ATTEMPTS: "1",
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

server.close();
process.stdout.write(JSON.stringify(captured));
