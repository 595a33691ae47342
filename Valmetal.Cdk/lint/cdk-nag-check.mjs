// Checks every synthesized template against cdk-nag's AWS Solutions rules (no .NET cdk-nag is served here,
// so the templates are loaded into a Node CDK app with CfnInclude). Findings either get fixed in the stacks
// or acknowledged, with a reason, in nag-acknowledgements.json (rule and resource as anchored regular
// expressions, so one entry covers the three environments); an acknowledgement nothing matches fails too,
// so the list never outlives the finding it explains.
//   node Valmetal.Cdk/lint/cdk-nag-check.mjs <cdk.out> <acknowledgements.json>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cdk from 'aws-cdk-lib';
import include from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks } from 'cdk-nag';

const [cdkOut, acknowledgementsFile] = process.argv.slice(2);
if (!cdkOut || !acknowledgementsFile) {
  console.error('usage: cdk-nag-check.mjs <cdk.out> <acknowledgements.json>');
  process.exit(2);
}

const acknowledgements = JSON.parse(fs.readFileSync(acknowledgementsFile, 'utf8')).acknowledgements;
const templates = fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')).sort();
// cfn-lint checks the templates themselves; CDK's built-in CloudFormation validation would only repeat it, slowly.
process.env.CDK_VALIDATION = 'false';
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-'));
const app = new cdk.App({ outdir, context: { '@aws-cdk/core:validationReportJson': true } });
for (const file of templates) {
  // The included template already declares the bootstrap version parameter.
  const stack = new cdk.Stack(app, file.replace('.template.json', ''), {
    synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  new include.CfnInclude(stack, 'Template', { templateFile: path.join(cdkOut, file) });
}
cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

// CDK prints the whole validation report itself; the summary below is shorter and knows the acknowledgements.
const { log, error } = console;
console.log = console.error = () => {};
try {
  app.synth();
} catch {
  // A failing validation throws after writing its report, which is read below.
} finally {
  Object.assign(console, { log, error });
}
const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8'));
fs.rmSync(outdir, { recursive: true, force: true });

// One finding per rule and resource: "AwsSolutions-IAM5[Resource::...]" at "valmetal-prod/LogicalId".
const findings = report.pluginReports.flatMap((plugin) => plugin.violations.flatMap((violation) =>
  violation.violatingResources.map((resource) => ({
    rule: violation.ruleName,
    where: resource.constructPath.replace('/Template/', '/'),
    description: violation.description,
  }))));
const matches = (pattern, text) => new RegExp(`^(?:${pattern})$`).test(text);
const used = new Set();
const open = findings.filter((finding) => {
  const index = acknowledgements.findIndex((ack) => matches(ack.rule, finding.rule) && matches(ack.where, finding.where));
  if (index >= 0) used.add(index);
  return index < 0;
});

for (const finding of open) {
  console.log(`${finding.rule}\t${finding.where}\t${finding.description}`);
}
const stale = acknowledgements.filter((_, index) => !used.has(index));
for (const ack of stale) {
  console.log(`Stale acknowledgement, nothing matches it any more: ${ack.rule} at ${ack.where}`);
}
console.log(`cdk-nag AwsSolutions: ${templates.length} templates, ${findings.length} findings, ` +
  `${findings.length - open.length} acknowledged, ${open.length} open, ${stale.length} stale acknowledgements`);
process.exit(open.length + stale.length > 0 ? 1 : 0);
