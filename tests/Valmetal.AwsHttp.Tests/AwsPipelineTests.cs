using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Identity;

namespace Valmetal.AwsHttp.Tests;

/// <summary>The handler chain as hosts build it (<see cref="AwsHttpClientBuilderExtensions.AddAwsSigning"/>).</summary>
public sealed class AwsPipelineTests
{
    [Fact]
    public async Task An_idempotent_call_is_retried_after_a_503_and_every_attempt_is_signed()
    {
        var attempts = 0;
        await using var services = Build(new CapturingHandler((_, _) => ++attempts == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") }), out var capture);

        await services.GetRequiredService<CognitoApiClient>().CallAsync("AdminAddUserToGroup", CognitoApiClient.Body(("UserPoolId", "p")), CancellationToken.None);

        Assert.Equal(2, capture.Received.Count);
        Assert.All(capture.Received, r => Assert.Single(r.Request.Headers.GetValues("Authorization")));
    }

    [Fact]
    public async Task A_create_without_client_token_is_not_retried_after_a_503()
    {
        await using var services = Build(new CapturingHandler((_, _) =>
            new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") }), out var capture);

        await Assert.ThrowsAsync<CognitoServiceException>(() => services.GetRequiredService<CognitoApiClient>()
            .CallAsync("AdminCreateUser", CognitoApiClient.Body(("UserPoolId", "p")), CancellationToken.None));

        Assert.Single(capture.Received);
    }

    private static ServiceProvider Build(CapturingHandler handler, out CapturingHandler capture)
    {
        capture = handler;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "ca-central-1",
            ["Aws:RetryBaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IAwsCredentialSource>(new StaticCredentialSource(new AwsKeys("AKIDEXAMPLE", "secret")));
        services.AddAwsHttp(configuration);
        services.AddHttpClient<CognitoApiClient>(http => http.BaseAddress = new Uri("https://cognito-idp.ca-central-1.amazonaws.com"))
            .AddAwsSigning(CognitoApiClient.SigningName)
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }
}
