using Amazon.CDK;
using Valmetal.Cdk;

// One stack set per environment; issue #6 fills them with the AppHost's composition on ECS Fargate.
var app = new App();
foreach (var environment in new[] { "dev", "staging", "prod" })
{
    _ = new ValmetalStack(app, $"valmetal-{environment}", new ValmetalStackProps(environment));
}

app.Synth();
