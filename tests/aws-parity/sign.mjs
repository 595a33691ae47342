// Signs requests with AWS's own SigV4 implementation (@smithy/signature-v4, used by the AWS SDK for JavaScript v3),
// so tests/Valmetal.AwsHttp.Tests can compare Valmetal.AwsHttp's signatures with it.
// stdin: a JSON array of cases; stdout: a JSON array of the headers the signer set, in the same order.
// A case: { method, hostname, path (as sent, percent-encoded), query: { key: value | [values] } (decoded),
//           headers: { name: value }, body (UTF-8 text or null), credentials: { accessKeyId, secretAccessKey,
//           sessionToken? }, region, service, date (ISO 8601), applyChecksum }
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

const input = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

const results = [];
for (const c of input) {
  const signer = new SignatureV4({
    credentials: c.credentials,
    region: c.region,
    service: c.service,
    sha256: Sha256,
    applyChecksum: c.applyChecksum,
  });
  const signed = await signer.sign({
    method: c.method,
    protocol: "https:",
    hostname: c.hostname,
    path: c.path,
    query: c.query ?? {},
    headers: { ...c.headers },
    body: c.body ?? undefined,
  }, { signingDate: new Date(c.date) });
  const pick = (name) => signed.headers[name] ?? null;
  results.push({
    authorization: pick("authorization"),
    amzDate: pick("x-amz-date"),
    contentSha256: pick("x-amz-content-sha256"),
    securityToken: pick("x-amz-security-token"),
  });
}
process.stdout.write(JSON.stringify(results));
