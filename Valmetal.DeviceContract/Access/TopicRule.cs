namespace Valmetal.DeviceContract.Access;

/// <summary>
/// One topic filter and what may be done with it. The filter is MQTT's: <c>+</c> is any one level, and
/// <see cref="BrokerAccessRules.OwnThing"/> stands for the connecting device's own thing name.
/// </summary>
/// <param name="SharedGroup">Set when the principal subscribes through <c>$share/{group}/</c> (IoT Core names
/// the whole filter in its policy; Mosquitto checks the filter without the prefix).</param>
public sealed record TopicRule(string Filter, TopicAccess Access, string? SharedGroup = null)
{
    public bool Allows(TopicAccess access) => (Access & access) == access;

    public bool RefersToOwnThing => Filter.Contains(BrokerAccessRules.OwnThing, StringComparison.Ordinal);

    /// <summary>The filter as the client sends it in SUBSCRIBE; a device's own rules need its thing name.</summary>
    public string SubscribedFilter(string? ownThing = null)
    {
        if (RefersToOwnThing && ownThing is null)
        {
            throw new ArgumentNullException(nameof(ownThing), $"{Filter} names the device's own topics.");
        }

        return (SharedGroup is null ? "" : $"$share/{SharedGroup}/") + Filter.Replace(BrokerAccessRules.OwnThing, ownThing, StringComparison.Ordinal);
    }
}
