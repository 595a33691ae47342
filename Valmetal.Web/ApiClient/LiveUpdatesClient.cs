using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Valmetal.DeviceContract.Messages;

namespace Valmetal.Web.ApiClient;

/// <summary>
/// The API's server-sent event stream. A separate client because the stream stays open for as long as
/// a page does; the retry and timeout policies of ordinary requests would cut it.
/// </summary>
public sealed class LiveUpdatesClient(HttpClient http, ApiCaller api)
{
    /// <param name="onSubscribed">Runs before the first update, once the API delivers every new update to this stream.</param>
    public async IAsyncEnumerable<LiveUpdate> StreamAsync(Guid? farmId, Func<Task> onSubscribed, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = api.Request(HttpMethod.Get, farmId is null ? "api/live" : $"api/live?farmId={farmId}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
        {
            if (item.EventType == LiveEvents.Subscribed)
            {
                await onSubscribed();
            }
            else if (item.EventType == LiveEvents.Update && JsonSerializer.Deserialize<LiveUpdate>(item.Data, ApiCaller.Json) is { } update)
            {
                yield return update;
            }
        }
    }
}
