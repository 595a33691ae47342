using System.Collections.Specialized;
using System.Globalization;
using System.Web;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Features.Documents;
using Valmetal.AwsHttp.Sdk;

namespace Valmetal.Api.Tests.Documents;

/// <summary>
/// s3rver ignores signatures, so what S3 will enforce is checked here, on the URL the SDK signs with fixed credentials,
/// through the client and storage the API registers.
/// </summary>
public sealed class UploadUrlSigningTests
{
    private static readonly TimeSpan UploadUrlLifetime = TimeSpan.FromMinutes(7);

    [Fact]
    public async Task The_upload_url_writes_under_pending_and_signs_the_declared_length_type_and_host()
    {
        var (query, _, path) = await UploadAsync(size: 300_000);

        Assert.Equal("/valmetal-documents/pending/reports/VM-1/abc/report.pdf", path);
        var signed = query["X-Amz-SignedHeaders"]!.Split(';');
        Assert.Contains("content-length", signed);
        Assert.Contains("content-type", signed);
        Assert.Contains("host", signed);
        Assert.Equal("AWS4-HMAC-SHA256", query["X-Amz-Algorithm"]);
        Assert.False(string.IsNullOrEmpty(query["X-Amz-Signature"]));
    }

    [Fact]
    public async Task The_upload_url_expires_after_the_configured_lifetime()
    {
        var (query, expiresAt, _) = await UploadAsync(size: 10);

        // The SDK counts the lifetime from its own clock, a moment after ours: whole seconds, rounded down.
        var expires = int.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expires, (int)UploadUrlLifetime.TotalSeconds - 1, (int)UploadUrlLifetime.TotalSeconds);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(signedAt.AddSeconds(expires) - expiresAt, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
    }

    private static async Task<(NameValueCollection Query, DateTimeOffset ExpiresAt, string Path)> UploadAsync(long size)
    {
        await using var services = Services();
        var storage = services.GetRequiredService<DocumentStorage>();

        var (url, expiresAt) = await storage.UploadUrlAsync("reports/VM-1/abc/report.pdf", "application/pdf", size);

        var uri = new Uri(url);
        return (HttpUtility.ParseQueryString(uri.Query), expiresAt, uri.AbsolutePath);
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aws:Region"] = "us-east-1",
            ["Documents:ServiceUrl"] = "http://127.0.0.1:4569",
            ["Documents:UploadUrlLifetime"] = UploadUrlLifetime.ToString("c", CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.SectionName));
        services.AddS3Client<DocumentOptions>(configuration, DocumentOptions.SectionName);
        services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("S3RVER", "S3RVER"));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DocumentStorage>();
        return services.BuildServiceProvider();
    }
}
