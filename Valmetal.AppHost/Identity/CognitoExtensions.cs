using Valmetal.AppHost.Emulators;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.AppHost.Identity;

public static class CognitoExtensions
{
    /// <summary>
    /// Passes the local user pool to a service (Cognito__* settings; its calls are signed with the keys of
    /// <see cref="AwsEmulatorExtensions.WithLocalAwsCredentials"/>). The pool is provisioned when the first service
    /// that needs it starts, which is after cognito-local reports healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUserPool(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ExecutableResource> cognito, UserPoolProvisioner pool, LocalStackOptions options)
    {
        return project
            .WaitFor(cognito)
            .WithEnvironment(async context =>
            {
                var ids = await pool.EnsureAsync();
                context.EnvironmentVariables["Cognito__ServiceUrl"] = $"http://127.0.0.1:{options.CognitoPort}";
                context.EnvironmentVariables["Cognito__UserPoolId"] = ids.PoolId;
                context.EnvironmentVariables["Cognito__ClientId"] = ids.ClientId;
                // cognito-local's IssuerDomain (AwsEmulatorExtensions) is http://localhost:{port}.
                context.EnvironmentVariables["Cognito__Authority"] = $"http://localhost:{options.CognitoPort}/{ids.PoolId}";
                context.EnvironmentVariables["Cognito__RequireHttpsMetadata"] = "false";
            });
    }
}
