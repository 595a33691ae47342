// Runs the start-up work custom resource (Valmetal.Cdk/CustomResources/migrations.mjs) with AWS's own ECS client
// pointed at a capture server on loopback, which stands in for ECS and CloudFormation's response URL (neither runs
// here). stdin: { exitCode, startFails }: how the task ends, or whether ECS refuses to start it. stdout: the requests in
// order, each { method, path, target, body }, with the CloudFormation response among them (path /cloudformation).
import { readInput, startCapture } from "./capture-server.mjs";

const { exitCode, startFails } = await readInput();
const taskArn = "arn:aws:ecs:ca-central-1:333333333333:task/valmetal-prod-backend/0123456789abcdef0123456789abcdef";
let described = 0;
const { endpoint, captured, close } = await startCapture((request, res) => {
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

close();
process.stdout.write(JSON.stringify(captured));
