// Sends operations with AWS's own JavaScript SDK v3 clients to a capture server on loopback and prints what arrived,
// so tests/Valmetal.AwsHttp.Tests can compare our hand-written clients' requests with AWS's for the same inputs.
// stdin: { client: "iot" | "cognito-identity-provider" | ..., cases: [{ operation, input }] }
// stdout: a JSON array of { method, path (with the query, as sent), headers (lower-case names), body }.
// The server answers every request 200 with an empty output in the request's protocol (XML for the query protocol's
// form posts, "{}" otherwise), so the SDK neither retries nor fails; DescribeEndpoints (Timestream's endpoint
// discovery, which its SDK calls before the first operation) names the capture server itself, so what follows
// arrives there too. The discovery call is then in the output, before the operation that caused it.
import { readInput, startCapture } from "./capture-server.mjs";

const { client, cases } = await readInput();
const sdk = await import(`@aws-sdk/client-${client}`);
const ClientClass = Object.values(sdk).find((value) =>
  typeof value === "function" && value.name.endsWith("Client") && value.name !== "Client" && "send" in value.prototype);
if (!ClientClass) {
  throw new Error(`@aws-sdk/client-${client} exports no client class`);
}

const capture = await startCapture((request, res) => {
  if ((request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    const action = new URLSearchParams(request.body).get("Action");
    res.writeHead(200, { "content-type": "text/xml" });
    res.end(`<${action}Response><${action}Result/></${action}Response>`);
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end((request.target ?? "").endsWith(".DescribeEndpoints")
    ? JSON.stringify({ Endpoints: [{ Address: "127.0.0.1", CachePeriodInMinutes: 1440 }] })
    : "{}");
});
const service = new ClientClass({});
try {
  for (const c of cases) {
    const Command = sdk[`${c.operation}Command`];
    if (!Command) {
      throw new Error(`@aws-sdk/client-${client} has no operation ${c.operation}`);
    }
    await service.send(new Command(c.input));
  }
} finally {
  capture.close();
}
process.stdout.write(JSON.stringify(capture.captured));
