// Sends Cognito operations with AWS's own client (@aws-sdk/client-cognito-identity-provider) to a capture server on
// loopback and prints what arrived, so tests/Valmetal.AwsHttp.Tests can compare Valmetal.Identity's requests with it.
// stdin: a JSON array of { operation, input }; stdout: a JSON array of { method, path, target, contentType, body }.
// The server answers every request 200 with "{}", so the SDK neither retries nor fails.
import http from "node:http";
import * as cognito from "@aws-sdk/client-cognito-identity-provider";

const cases = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

const captured = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    captured.push({
      method: req.method,
      path: req.url,
      target: req.headers["x-amz-target"] ?? null,
      contentType: req.headers["content-type"] ?? null,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    res.end("{}");
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const client = new cognito.CognitoIdentityProviderClient({
  endpoint: `http://127.0.0.1:${server.address().port}`,
  region: "ca-central-1",
  credentials: { accessKeyId: "AKIDPARITY", secretAccessKey: "parity-secret" },
  maxAttempts: 1,
});
try {
  for (const c of cases) {
    const Command = cognito[`${c.operation}Command`];
    if (!Command) {
      throw new Error(`The SDK has no operation ${c.operation}`);
    }
    await client.send(new Command(c.input));
  }
} finally {
  server.close();
}
process.stdout.write(JSON.stringify(captured));
