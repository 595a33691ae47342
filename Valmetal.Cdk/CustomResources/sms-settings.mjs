// CloudFormation custom resource: the account's SMS settings for SNS, which SNS keeps per account and region with no
// CloudFormation resource of their own. Create and Update: SetSMSAttributes (the default SMS type and the monthly
// spending cap). Delete: nothing; the settings are the account's, and a cap left in place costs nothing.
// Runs on the Lambda Node.js runtime, which includes AWS SDK for JavaScript v3.
import { SetSMSAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { respond } from './response.mjs';

const sns = new SNSClient({});

export async function handler(event) {
  const { SettingsName: physicalId, DefaultSMSType, MonthlySpendLimit } = event.ResourceProperties;
  let status = 'SUCCESS';
  let reason = '';
  try {
    if (event.RequestType === 'Create' || event.RequestType === 'Update') {
      // SNS refuses a cap above the account's SMS spending quota: raising that is a request to AWS (docs/deployment.md).
      await sns.send(new SetSMSAttributesCommand({ attributes: { DefaultSMSType, MonthlySpendLimit } }));
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${error.name}: ${error.message}`;
    console.error(reason);
  }

  await respond(event, status, reason, physicalId);
}
