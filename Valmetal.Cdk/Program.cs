using Amazon.CDK;
using Valmetal.Cdk;

// Offline by design: everything comes from context (cdk.json, -c), nothing is looked up in an account.
var app = new App();
ValmetalApp.Compose(app);
app.Synth();
