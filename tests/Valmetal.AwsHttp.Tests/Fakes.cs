namespace Valmetal.AwsHttp.Tests;

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The end of a handler chain: keeps what arrived (headers and body) and answers from a script.</summary>
internal sealed class CapturingHandler(Func<HttpRequestMessage, string, HttpResponseMessage>? answer = null) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Received { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Received.Add((request, body));
        return answer?.Invoke(request, body) ?? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{}") };
    }
}
