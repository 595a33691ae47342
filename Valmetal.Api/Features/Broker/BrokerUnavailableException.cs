namespace Valmetal.Api.Features.Broker;

/// <summary>Nothing was sent: the task is not connected to the broker, the link failed under the publish, or the
/// broker refused it. <see cref="Infrastructure.BrokerUnavailableExceptionHandler"/> answers it with a 503.</summary>
public sealed class BrokerUnavailableException(string? topic)
    : Exception(topic is null ? "Not connected to the broker." : $"Nothing was sent to {topic}: the broker could not be reached.");
