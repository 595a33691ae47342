// What the custom-resource parity scripts share: their input as JSON on stdin, and a capture server on loopback that
// stands in for every AWS endpoint and CloudFormation's response URL. It records each request
// ({ method, path, target, headers, body }) and lets the script answer it; AWS's SDK clients created after startCapture() send
// there (AWS_ENDPOINT_URL), with fixed example credentials and no retries.
import http from "node:http";

export async function readInput() {
  return JSON.parse(await new Promise((resolve, reject) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => { text += chunk; });
    process.stdin.on("end", () => resolve(text));
    process.stdin.on("error", reject);
  }));
}

/** answer(request, res) writes the response; returns { endpoint, captured, close }. */
export async function startCapture(answer) {
  const captured = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const request = {
        method: req.method,
        path: req.url,
        target: req.headers["x-amz-target"] ?? null,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      captured.push(request);
      answer(request, res);
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
  return { endpoint, captured, close: () => server.close() };
}
