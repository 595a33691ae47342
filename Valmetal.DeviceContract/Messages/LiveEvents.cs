namespace Valmetal.DeviceContract.Messages;

/// <summary>Event types of the server-sent stream <c>GET /api/live</c>, written by the API and read by the web app.</summary>
public static class LiveEvents
{
    /// <summary>
    /// First on every stream: from here on every update reaches it. A client reads its starting state after this,
    /// not before, or a change made between the read and the subscription is on neither.
    /// </summary>
    public const string Subscribed = "subscribed";

    /// <summary>Data is a <see cref="LiveUpdate"/>.</summary>
    public const string Update = "update";

    /// <summary>Sent when nothing else was for a while, so proxies and load balancers keep the stream open.</summary>
    public const string KeepAlive = "keepalive";

    /// <summary>
    /// Last on a stream the API ends because the user's access changed (disabled, role changed, or the one farm asked
    /// for is no longer theirs). Reconnecting is answered as any new request is: refused if the change stands.
    /// </summary>
    public const string AccessChanged = "access-changed";
}
