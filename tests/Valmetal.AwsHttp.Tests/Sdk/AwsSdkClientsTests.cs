using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.AwsHttp.Tests.Sdk;

/// <summary>
/// The SDK clients' one rule, seen on the URLs an S3 client presigns (no request leaves the test): the region's endpoint
/// in AWS, the emulator's with a path-style bucket locally, signed for <c>Aws:Region</c> either way.
/// </summary>
public sealed class AwsSdkClientsTests
{
    [Fact]
    public async Task Without_a_service_url_the_client_calls_the_regions_endpoint()
    {
        using var services = Services(new() { ["Aws:Region"] = "ca-central-1" });
        var s3 = services.GetRequiredService<IAmazonS3>();

        var url = new Uri(await PresignAsync(s3));

        Assert.Equal(RegionEndpoint.CACentral1, s3.Config.RegionEndpoint);
        Assert.Equal("https", url.Scheme);
        Assert.Equal("valmetal-documents.s3.ca-central-1.amazonaws.com", url.Host);
        Assert.Contains("%2Fca-central-1%2Fs3%2Faws4_request", url.Query, StringComparison.Ordinal);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, s3.Config.RequestChecksumCalculation);
    }

    [Fact]
    public async Task A_service_url_points_the_client_at_the_emulator_with_the_bucket_in_the_path_signed_for_the_region()
    {
        using var services = Services(new() { ["Aws:Region"] = "ca-central-1", ["Files:ServiceUrl"] = "http://127.0.0.1:4569" });
        var s3 = services.GetRequiredService<IAmazonS3>();

        var url = new Uri(await PresignAsync(s3));

        Assert.Equal("http://127.0.0.1:4569/valmetal-documents/reports/a.pdf", url.GetLeftPart(UriPartial.Path));
        Assert.Contains("%2Fca-central-1%2Fs3%2Faws4_request", url.Query, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Credential=S3RVER", url.Query, StringComparison.Ordinal);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, s3.Config.RequestChecksumCalculation);
    }

    [Theory]
    [InlineData("Files:ServiceUrl", "127.0.0.1:4569", "Files:ServiceUrl must be an absolute URL")]
    [InlineData("Aws:Region", "", "The Region field is required")]
    public void A_setting_the_clients_cannot_use_stops_the_service_at_start(string key, string value, string message)
    {
        using var services = Services(new() { ["Aws:Region"] = "ca-central-1", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions<FileOptions>().Bind(configuration.GetSection("Files"));
        services.AddS3Client<FileOptions>(configuration, "Files");
        // Fixed keys instead of the default chain, which would look for a task role.
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("S3RVER", "S3RVER"));
        return services.BuildServiceProvider();
    }

    private static Task<string> PresignAsync(IAmazonS3 s3) => s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
    {
        BucketName = "valmetal-documents",
        Key = "reports/a.pdf",
        Verb = HttpVerb.GET,
        Expires = DateTime.UtcNow.AddMinutes(5),
        Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.Ordinal) == true ? Protocol.HTTP : Protocol.HTTPS,
    });

    private sealed class FileOptions : IAwsServiceEndpoint
    {
        public string? ServiceUrl { get; set; }
    }
}
