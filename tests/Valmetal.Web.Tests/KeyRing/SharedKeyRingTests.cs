using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Valmetal.Web.KeyRing;
using Valmetal.TestSupport;
using Valmetal.Web.Tests.Hosting;

namespace Valmetal.Web.Tests.KeyRing;

/// <summary>
/// Two web tasks (two hosts, two DI containers, nothing shared in memory) configured with the same S3 key ring, against
/// a real s3rver: what one protects the other reads, and one's session cookie signs the browser in on the other.
/// </summary>
public sealed class SharedKeyRingTests(LocalS3 s3) : IClassFixture<LocalS3>
{
    [Fact]
    public async Task What_one_task_protects_another_task_unprotects()
    {
        var prefix = UniquePrefix();
        await using var first = Task(prefix);
        await using var second = Task(prefix);

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("refresh-token");
        var read = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.Equal("refresh-token", read);
        Assert.NotEmpty(await KeyFilesAsync(first, prefix));
    }

    [Fact]
    public async Task A_session_cookie_issued_by_one_task_is_accepted_by_another()
    {
        var prefix = UniquePrefix();
        await using var first = Task(prefix);
        await using var second = Task(prefix);
        using var browser = first.CreateBrowser();
        using var signedIn = await browser.PostFormAsync("/account/signin", [new("email", "farmer@farm.test"), new("password", "Farmer-Password-1"), new("returnUrl", "/")]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("valmetal.session", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
        using var other = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/fleet/snapshot.json");
        request.Headers.Add("Cookie", session);

        using var snapshot = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
    }

    /// <summary>
    /// Two tasks starting on an empty ring each create a key; the one that read the ring first does not see the other's
    /// key. .NET would read again only for two minutes after start, or after a day; this task reads again a minute on.
    /// </summary>
    [Fact]
    public async Task A_key_another_task_created_after_this_one_read_the_ring_is_known_a_minute_later()
    {
        var prefix = UniquePrefix();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var early = Task(prefix);
        early.Time = time;
        await using var other = Task(prefix);
        var ring = early.Services.GetRequiredService<IKeyRingProvider>();
        var ownKey = ring.GetCurrentKeyRing().DefaultKeyId;

        var othersKey = other.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90)).KeyId;

        Assert.Null(ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(othersKey, out _));
        time.Advance(RefreshingKeyManager.RefreshPeriod);
        Assert.True(ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(othersKey, out _) is not null,
            $"key {othersKey} written to {prefix} was still unknown to the task holding {ownKey}");
        Assert.NotNull(ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(ownKey, out _));
    }

    /// <summary>
    /// A browser signed in on a task whose key another task has not read yet: that task reads the ring at once rather
    /// than a minute on, and no more than once per interval however many unknown keys it is shown.
    /// </summary>
    [Fact]
    public async Task A_key_created_since_this_task_read_the_ring_is_read_when_a_cookie_names_it_at_most_once_per_interval()
    {
        var prefix = UniquePrefix();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var reader = Task(prefix);
        reader.Time = time;
        reader.TestServices += PastFirstMinutes.Replace;
        await using var writer = Task(prefix);
        // The reader reads the ring, and creates its own key, before the writer's keys exist.
        _ = reader.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing();
        var first = ProtectWithNewKey(writer);

        Assert.Equal("refresh-token", Protector(reader).Unprotect(first));
        var second = ProtectWithNewKey(writer);
        Assert.ThrowsAny<CryptographicException>(() => Protector(reader).Unprotect(second));
        time.Advance(UnknownKeyRereads.MinimumInterval);
        Assert.Equal("refresh-token", Protector(reader).Unprotect(second));
    }

    [Fact]
    public async Task A_task_with_another_key_ring_refuses_the_cookie()
    {
        await using var first = Task(UniquePrefix());
        await using var second = Task(UniquePrefix());

        var secret = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("refresh-token");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(
            () => second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public async Task A_bucket_and_a_folder_together_stop_the_app_at_start()
    {
        await using var web = Task(UniquePrefix());
        web.Settings["DataProtection:KeysPath"] = Path.GetTempPath();

        var error = Assert.IsType<OptionsValidationException>(web.StartFailure());

        Assert.Contains("DataProtection:BucketName and DataProtection:KeysPath are both set", string.Join(' ', error.Failures), StringComparison.Ordinal);
    }

    private static IDataProtector Protector(WebAppFactory web) => web.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

    /// <summary>What the task protects once it has created a key that becomes its default at once.</summary>
    private static string ProtectWithNewKey(WebAppFactory web)
    {
        web.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        return Protector(web).Protect("refresh-token");
    }

    private WebAppFactory Task(string prefix)
    {
        var web = new WebAppFactory();
        web.Settings["DataProtection:BucketName"] = LocalS3.Bucket;
        web.Settings["DataProtection:ServiceUrl"] = s3.ServiceUrl.ToString();
        web.Settings["DataProtection:Prefix"] = prefix;
        web.TestServices = services => services.AddSingleton(LocalS3.Credentials);
        return web;
    }

    private static string UniquePrefix() => $"data-protection/{Guid.NewGuid():N}/";

    /// <summary>What the task's own S3 client finds under the prefix.</summary>
    private static async Task<List<string>> KeyFilesAsync(WebAppFactory web, string prefix)
    {
        var client = web.Services.GetRequiredService<IAmazonS3>();
        var listing = await client.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = LocalS3.Bucket, Prefix = prefix });
        return [.. (listing.S3Objects ?? []).Select(o => o.Key)];
    }

    /// <summary>
    /// .NET's own protector reads the ring again on an unknown key in its key ring provider's first two minutes, which
    /// every test host is in; behind this wrapper it does not, as in a task that has run longer.
    /// </summary>
    private sealed class PastFirstMinutes(IKeyRingProvider inner) : IKeyRingProvider
    {
        public static void Replace(IServiceCollection services)
        {
            var dotnet = services.Last(d => d.ServiceType == typeof(IKeyRingProvider));
            services.Replace(ServiceDescriptor.Singleton<IKeyRingProvider>(sp =>
                new PastFirstMinutes((IKeyRingProvider)ActivatorUtilities.CreateInstance(sp, dotnet.ImplementationType!))));
        }

        public IKeyRing GetCurrentKeyRing() => inner.GetCurrentKeyRing();
    }
}
