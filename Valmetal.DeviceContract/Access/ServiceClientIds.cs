using System.Text.RegularExpressions;

namespace Valmetal.DeviceContract.Access;

/// <summary>
/// A service task's MQTT client id: its service's identity, a dash, then what tells its tasks apart. Brokers drop the
/// older connection when a client id connects again, so two tasks of one service never share one; the broker rules
/// (the IoT policy's <c>client/{identity}-*</c>) allow any instance part of the service's own identity.
/// </summary>
public static partial class ServiceClientIds
{
    /// <summary>IoT Core's limit on client ids, which Mosquitto also keeps (MQTT 5 allows longer ones).</summary>
    public const int MaxLength = 128;

    public static string For(string identity, string instance)
    {
        var clientId = $"{identity}-{instance}";
        if (!InstancePattern().IsMatch(instance) || clientId.Length > MaxLength)
        {
            throw new ArgumentException($"'{instance}' cannot tell tasks of {identity} apart: use letters, digits and dashes, at most {MaxLength} characters in all.", nameof(instance));
        }

        return clientId;
    }

    /// <summary>
    /// For a task whose sessions end with their connections (clean starts): an instance part of its own, made once per
    /// process, so that a task restarting never takes over another's session, after the name of the connection
    /// (<paramref name="connection"/>), so that the task's connections never take over one another.
    /// </summary>
    public static string ForThisProcess(string identity, string connection) => For(identity, $"{connection}-{ProcessInstance}");

    private static readonly string ProcessInstance = Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex InstancePattern();
}
