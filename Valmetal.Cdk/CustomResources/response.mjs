// The answer every custom resource of the stacks sends CloudFormation: PUT to the pre-signed response URL.
export async function respond(event, status, reason, physicalId) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    // Nothing secret is returned, but say so anyway: no data of these resources belongs in CloudFormation's output.
    NoEcho: true,
    Data: {},
  });
  const response = await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
  if (!response.ok) {
    throw new Error(`CloudFormation did not take the response: ${response.status}`);
  }
}
