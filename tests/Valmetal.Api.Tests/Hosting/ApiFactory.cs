using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;

namespace Valmetal.Api.Tests.Hosting;

/// <summary>
/// The API's own Program, with its own services and middleware, on a real PostgreSQL database. What it needs beyond
/// the database is configured the way a deployment configures it, pointing at addresses where nothing listens: the
/// broker, DynamoDB, S3 and the user pool's API are down, so the parts that need them answer as they do when those
/// are down. The device registry is the local CA, in a folder of this run. Tokens are checked as in AWS, against a
/// signing key of this run (<see cref="TestTokens"/>) instead of the pool's published keys.
/// </summary>
public sealed class ApiFactory(IReadOnlyDictionary<string, string?> runSettings, TestTokens tokens) : WebApplicationFactory<Program>
{
    /// <summary>tcpmux: a privileged port nothing here listens on, so a connection is refused at once.</summary>
    public const string NothingListens = "http://127.0.0.1:1";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Cognito:ServiceUrl"] = NothingListens,
        ["Cognito:UserPoolId"] = "ca-central-1_TestPool",
        ["Cognito:ClientId"] = TestTokens.ClientId,
        ["Cognito:Authority"] = TestTokens.Issuer,
        ["Broker:Host"] = "127.0.0.1",
        ["Broker:Port"] = "1",
        ["DeviceState:ServiceUrl"] = NothingListens,
        ["Documents:ServiceUrl"] = NothingListens,
        ["Documents:BucketName"] = "valmetal-documents-test",
        ["Archive:BucketName"] = "valmetal-archive-test",
        ["DeviceRegistry:Kind"] = "LocalCa",
        ["OpenApi:Enabled"] = "true",
        ["Aws:Region"] = "ca-central-1",
        // No answer is no answer: retrying it is Valmetal.AwsHttp.Tests' subject, and would only slow these tests.
        ["Aws:MaxRetries"] = "0",
        ["Aws:MaxErrorRetry"] = "0",
        // Tests sign in as a handful of users and fuzz every operation; RateLimitTests check the limits themselves.
        ["RateLimits:Api:PerUserBurst"] = "100000",
        ["RateLimits:Api:PerUserPerSecond"] = "10000",
        ["RateLimits:Api:PerUserConcurrentHistoryQueries"] = "100",
        ["RateLimits:Api:PerUserTestNotificationsPerHour"] = "1000",
        // The services down are reported at Warning on every call; an error still shows.
        ["Logging:LogLevel:Default"] = "Error",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // This run's database, CA folder and broker identity.
        foreach (var (key, value) in runSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
            configuration.SigningKeys.Add(tokens.SigningKey);
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
        }));
    }
}
