using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Valmetal.AppHost.LocalStack;
using Valmetal.DevicePki;

namespace Valmetal.EndToEnd.Tests.Notifications;

/// <summary>
/// A push service for the suite, and the browser behind it: Chromium's <c>PushManager.subscribe</c> needs Google's push
/// service, which is out of reach here. It listens over HTTPS with a certificate of the local CA (which the notifier
/// trusts), refuses a request whose VAPID token a push service would refuse, and decrypts each message with the
/// subscription's keys as the browser would. <see cref="HoldNext"/> keeps the next request open, to kill its sender mid-send.
/// </summary>
public sealed class TestPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, WebPushCrypto.SubscriptionKeys> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private readonly string _vapidPublicKey;
    private TaskCompletionSource? _hold;

    private TestPushService(WebApplication app, int port, string vapidPublicKey)
    {
        _app = app;
        _vapidPublicKey = vapidPublicKey;
        BaseUrl = new Uri($"https://localhost:{port}/");
    }

    public Uri BaseUrl { get; }

    /// <summary>Every message that reached the service and passed its checks, decrypted, in arrival order.</summary>
    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    /// <summary>Requests refused, with why: a test asserts there are none.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<TestPushService> StartAsync(string pkiFolder, string vapidPublicKey)
    {
        var port = LocalPorts.Free();
        CertificateFiles files;
        using (var ca = LocalCertificateAuthority.OpenOrCreate(pkiFolder))
        {
            files = ca.EnsureServerCertificate("test-push-service");
        }

        var certificate = X509Certificate2.CreateFromPemFile(files.CertificatePath, files.PrivateKeyPath);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var service = new TestPushService(app, port, vapidPublicKey);
        app.MapPost("/push/{id}", service.ReceiveAsync);
        await app.StartAsync();
        return service;
    }

    /// <summary>A new browser subscription at this service: what <c>PushSubscription.toJSON()</c> would give.</summary>
    public (string Endpoint, string P256dh, string Auth) Subscribe()
    {
        var keys = new WebPushCrypto.SubscriptionKeys();
        var endpoint = new Uri(BaseUrl, $"push/{Guid.NewGuid():N}").ToString();
        _subscriptions[endpoint] = keys;
        return (endpoint, keys.P256dh, keys.Auth);
    }

    /// <summary>The next request is received (and recorded) but not answered until the returned source is completed.</summary>
    public TaskCompletionSource HoldNext() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _hold?.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var keys in _subscriptions.Values)
        {
            keys.Dispose();
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var endpoint = new Uri(BaseUrl, request.Path.Value!.TrimStart('/')).ToString();
        if (!_subscriptions.TryGetValue(endpoint, out var keys))
        {
            return Refuse(404, $"{endpoint}: no such subscription");
        }

        var vapid = WebPushCrypto.VapidProblem(request.Headers.Authorization.ToString(), _vapidPublicKey, new Uri(endpoint), DateTimeOffset.UtcNow);
        if (vapid is not null)
        {
            return Refuse(403, vapid);
        }

        if (request.Headers.ContentEncoding != "aes128gcm" || !int.TryParse(request.Headers["TTL"], out var ttl))
        {
            return Refuse(400, $"Content-Encoding {request.Headers.ContentEncoding} (aes128gcm expected) or no TTL");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var payload = JsonNode.Parse(WebPushCrypto.Decrypt(body.ToArray(), keys))!.AsObject();
        _received.Enqueue(new ReceivedPush(endpoint, payload, request.Headers["Urgency"].ToString(), request.Headers["Topic"].ToString(), ttl));
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            await hold.Task;
        }

        return Results.Created(new Uri(BaseUrl, $"message/{Guid.NewGuid():N}"), null);
    }

    private IResult Refuse(int status, string why)
    {
        Refusals.Enqueue(why);
        return Results.Text(why, statusCode: status);
    }
}

/// <summary>A push message as the browser's service worker would get it: the decrypted JSON and the request's headers.</summary>
public sealed record ReceivedPush(string Endpoint, JsonObject Payload, string Urgency, string Topic, int TimeToLive)
{
    public string Title => Payload["title"]!.GetValue<string>();

    public string Body => Payload["body"]!.GetValue<string>();

    public string Url => Payload["url"]!.GetValue<string>();
}
