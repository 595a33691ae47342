// Runs the start-up work custom resource (Valmetal.Cdk/CustomResources/migrations.mjs) with AWS's own ECS client
// pointed at a capture server on loopback, which stands in for ECS and CloudFormation's response URL (neither runs
// here). stdin: { exitCode, startFails }: how the task ends, or whether ECS refuses to start it. stdout: the requests in
// order, each { method, path, target, body }, with the CloudFormation response among them (path /cloudformation).
import http from "node:http";

const { exitCode, startFails } = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

const taskArn = "arn:aws:ecs:ca-central-1:333333333333:task/valmetal-prod-backend/0123456789abcdef0123456789abcdef";
const captured = [];
let described = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const request = { method: req.method, path: req.url, target: req.headers["x-amz-target"] ?? null, body: Buffer.concat(chunks).toString("utf8") };
    captured.push(request);
    res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
    if (request.target?.endsWith(".RunTask")) {
      res.end(JSON.stringify(startFails
        ? { tasks: [], failures: [{ arn: "arn:aws:ecs:ca-central-1:333333333333:container-instance/x", reason: "RESOURCE:ENI", detail: "no address left in the subnet" }] }
        : { tasks: [{ taskArn, lastStatus: "PROVISIONING" }], failures: [] }));
    } else if (request.target?.endsWith(".DescribeTasks")) {
      // Running at the first look, stopped at the second: the handler must keep polling until the task ends.
      described += 1;
      res.end(JSON.stringify({
        tasks: [described < 2
          ? { taskArn, lastStatus: "RUNNING", containers: [{ name: "api", lastStatus: "RUNNING" }] }
          : { taskArn, lastStatus: "STOPPED", stoppedReason: "Essential container in task exited", containers: [{ name: "api", lastStatus: "STOPPED", exitCode }] }],
        failures: [],
      }));
    } else {
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
// stdout carries the captured requests; the handler's own log lines go where Lambda's would not interfere.
console.log = (...parts) => console.error(...parts);
const { handler } = await import("../../Valmetal.Cdk/CustomResources/migrations.mjs");

const event = {
  RequestType: "Update",
  ResponseURL: `${endpoint}/cloudformation`,
  StackId: "arn:aws:cloudformation:ca-central-1:333333333333:stack/valmetal-prod-backend/1",
  RequestId: "request-update",
  LogicalResourceId: "StartupWorkRun",
  ResourceType: "Custom::StartupWork",
  PhysicalResourceId: "startup-work",
  ResourceProperties: {
    ServiceToken: "arn:aws:lambda:ca-central-1:333333333333:function:startup-work",
    Cluster: "arn:aws:ecs:ca-central-1:333333333333:cluster/valmetal-prod-backend",
    TaskDefinition: "arn:aws:ecs:ca-central-1:333333333333:task-definition/valmetal-prod-api:42",
    ContainerName: "api",
    Command: ["migrate"],
    Subnets: ["subnet-a", "subnet-b"],
    SecurityGroups: ["sg-api"],
  },
};

// Lambda's context: plenty of time left; polls every millisecond here instead of every 10 s.
await handler(event, { getRemainingTimeInMillis: () => 600_000 }, 1);

server.close();
process.stdout.write(JSON.stringify(captured));
