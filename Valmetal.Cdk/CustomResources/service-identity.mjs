// CloudFormation custom resource: a backend service's identity in IoT Core, made by the deployment itself.
// Create: a key pair and certificate from IoT Core, the service's policy attached, both PEMs stored in the service's
// secret before any task starts (the ECS service depends on this resource). Delete: policy detached, certificate
// deactivated and deleted. Runs on the Lambda Node.js runtime, which includes AWS SDK for JavaScript v3.
import {
  AttachPolicyCommand, CreateKeysAndCertificateCommand, DeleteCertificateCommand, DetachPolicyCommand, IoTClient,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { respond } from './response.mjs';

const iot = new IoTClient({});
const secrets = new SecretsManagerClient({});

export async function handler(event) {
  const { PolicyName: policyName, SecretId: secretId } = event.ResourceProperties;
  let physicalId = event.PhysicalResourceId;
  let status = 'SUCCESS';
  let reason = '';
  try {
    if (event.RequestType === 'Create') {
      physicalId = await create(policyName, secretId);
    } else if (event.RequestType === 'Update') {
      const old = event.OldResourceProperties;
      if (old.SecretId !== secretId) {
        // A new physical id: CloudFormation then deletes the old certificate.
        physicalId = await create(policyName, secretId);
      } else if (old.PolicyName !== policyName) {
        await iot.send(new AttachPolicyCommand({ policyName, target: physicalId }));
        await detach(old.PolicyName, physicalId);
      }
    } else if (event.RequestType === 'Delete') {
      await remove(policyName, physicalId);
    }
  } catch (error) {
    status = 'FAILED';
    reason = `${error.name}: ${error.message}`;
    console.error(reason);
  }

  // The log stream names a create that failed before it had a certificate; Delete then has nothing to remove.
  await respond(event, status, reason, physicalId ?? `failed-${event.RequestId}`);
}

async function create(policyName, secretId) {
  const created = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  try {
    await iot.send(new AttachPolicyCommand({ policyName, target: created.certificateArn }));
    await secrets.send(new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ certificatePem: created.certificatePem, privateKeyPem: created.keyPair.PrivateKey }),
    }));
  } catch (error) {
    // A failed create is never deleted by CloudFormation: leave no active certificate behind.
    await remove(policyName, created.certificateArn);
    throw error;
  }

  return created.certificateArn;
}

async function remove(policyName, certificateArn) {
  if (!certificateArn?.startsWith('arn:')) {
    return;
  }

  const certificateId = certificateArn.split('/').pop();
  await detach(policyName, certificateArn);
  await ignoreMissing(iot.send(new UpdateCertificateCommand({ certificateId, newStatus: 'INACTIVE' })));
  await ignoreMissing(iot.send(new DeleteCertificateCommand({ certificateId, forceDelete: true })));
}

const detach = (policyName, target) => ignoreMissing(iot.send(new DetachPolicyCommand({ policyName, target })));

async function ignoreMissing(call) {
  try {
    await call;
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') {
      throw error;
    }
  }
}
