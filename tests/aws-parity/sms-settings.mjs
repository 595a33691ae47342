// Runs the SMS settings custom resource (Valmetal.Cdk/CustomResources/sms-settings.mjs) with AWS's own SNS client
// pointed at a capture server on loopback, which stands in for SNS and CloudFormation's response URL (neither runs
// here). stdin: { refuse }: whether SNS refuses the settings as it does a cap above the account's spending quota.
// stdout: the requests of a Create, then a Delete, in order, each { method, path, target, body }, with the
// CloudFormation responses among them (path /cloudformation).
import { readInput, startCapture } from "./capture-server.mjs";

const { refuse } = await readInput();
const { endpoint, captured, close } = await startCapture((request, res) => {
  if (request.path === "/cloudformation") {
    res.writeHead(200);
    res.end();
  } else if (refuse) {
    // SNS's query-protocol error envelope.
    res.writeHead(400, { "content-type": "text/xml" });
    res.end("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code>"
      + "<Message>Invalid parameter: MonthlySpendLimit exceeds the account's spending quota</Message></Error>"
      + "<RequestId>request-1</RequestId></ErrorResponse>");
  } else {
    res.writeHead(200, { "content-type": "text/xml" });
    res.end("<SetSMSAttributesResponse><SetSMSAttributesResult/></SetSMSAttributesResponse>");
  }
});
const { handler } = await import("../../Valmetal.Cdk/CustomResources/sms-settings.mjs");

const event = (type) => ({
  RequestType: type,
  ResponseURL: `${endpoint}/cloudformation`,
  StackId: "arn:aws:cloudformation:ca-central-1:333333333333:stack/valmetal-prod-backend/1",
  RequestId: `request-${type}`,
  LogicalResourceId: "NotificationsSmsSettings",
  ResourceType: "Custom::SmsSettings",
  PhysicalResourceId: type === "Create" ? undefined : "valmetal-prod-sms-settings",
  ResourceProperties: {
    ServiceToken: "arn:aws:lambda:ca-central-1:333333333333:function:sms-settings",
    SettingsName: "valmetal-prod-sms-settings",
    DefaultSMSType: "Transactional",
    MonthlySpendLimit: "50",
  },
});

// The handler's own log line (a refusal) goes to stderr, as Lambda's would, so stdout holds only the requests.
console.error = () => {};
await handler(event("Create"));
await handler(event("Delete"));

close();
process.stdout.write(JSON.stringify(captured));
