// CloudFormation custom resource: the one-shot start-up work of a release (migrations, seeding, the revocation list),
// run once per deploy before the new tasks take traffic. Create/Update: one task of the API's new task definition
// with the command the stack gives (`migrate`, Valmetal.Api DatabaseStartup), in the service's subnets and security group; the
// resource succeeds only if that task exits 0. The ECS services depend on this resource, so a failed migration stops
// the deploy before any task of the release starts. Delete: nothing (a schema is never rolled back by CloudFormation:
// migrations follow the expand/contract rule of docs/deployment.md). Runs on the Lambda Node.js runtime, which
// includes AWS SDK for JavaScript v3.
import { DescribeTasksCommand, ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { respond } from './response.mjs';

const ecs = new ECSClient({});

/** Time kept back from the function's own limit to report a task still running as a failure. */
const ReportMargin = 30_000;

export async function handler(event, context, pollInterval = 10_000) {
  let status = 'SUCCESS';
  let reason = '';
  try {
    if (event.RequestType !== 'Delete') {
      await migrate(event.ResourceProperties, () => context.getRemainingTimeInMillis() - ReportMargin, pollInterval);
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${error.name}: ${error.message}`;
    console.error(reason);
  }

  // One physical resource for the stack's life: an update never replaces it, so no Delete follows a deploy.
  await respond(event, status, reason, 'startup-work');
}

async function migrate(properties, timeLeft, pollInterval) {
  const {
    Cluster: cluster, TaskDefinition: taskDefinition, ContainerName: containerName, Command: command, Subnets: subnets, SecurityGroups: securityGroups,
  } = properties;
  const started = await ecs.send(new RunTaskCommand({
    cluster,
    taskDefinition,
    launchType: 'FARGATE',
    count: 1,
    startedBy: 'cloudformation-startup-work',
    networkConfiguration: { awsvpcConfiguration: { subnets, securityGroups, assignPublicIp: 'DISABLED' } },
    overrides: { containerOverrides: [{ name: containerName, command }] },
  }));
  if (started.failures?.length || !started.tasks?.length) {
    const failure = started.failures?.[0];
    throw new Error(`ECS did not start the task: ${failure ? `${failure.reason} ${failure.detail ?? ''}`.trim() : 'no task'}`);
  }

  const taskArn = started.tasks[0].taskArn;
  while (timeLeft() > pollInterval) {
    await new Promise((resolve) => setTimeout(resolve, pollInterval));
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
    const task = tasks?.[0];
    if (task?.lastStatus === 'STOPPED') {
      const container = task.containers?.find((c) => c.name === containerName);
      if (container?.exitCode === 0) {
        console.log(`${taskArn} finished the start-up work`);
        return;
      }

      throw new Error(`${taskArn} stopped with exit code ${container?.exitCode ?? 'none'}: ${container?.reason ?? task.stoppedReason ?? 'no reason given'} (its log is in the API's log group)`);
    }
  }

  throw new Error(`${taskArn} was still running when the function had to answer; the deploy stops here`);
}
