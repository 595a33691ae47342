namespace Valmetal.TestSupport;

/// <summary>
/// The HTTP client factory of a service under test, with every client ending at one handler that answers as AWS
/// would (compiled into each test project that needs it).
/// </summary>
internal sealed class HandlerClientFactory(HttpMessageHandler handler, Uri baseAddress) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { BaseAddress = baseAddress };
}
