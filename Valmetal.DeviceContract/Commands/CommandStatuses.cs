namespace Valmetal.DeviceContract.Commands;

/// <summary>The two spellings of <see cref="CommandStatus"/>: the API's (the member's name) and the device's (lower case).</summary>
public static class CommandStatuses
{
    /// <summary>What a device may answer; pending and expired are the platform's to set.</summary>
    public static IReadOnlyList<CommandStatus> AnsweredByDevices { get; } =
        [CommandStatus.Accepted, CommandStatus.Succeeded, CommandStatus.Failed, CommandStatus.Rejected];

    /// <summary>Nothing more happens to a command once it has left pending and accepted.</summary>
    public static bool IsFinished(this CommandStatus status) => status is not (CommandStatus.Pending or CommandStatus.Accepted);

    /// <summary>As a device writes it in its answer's <c>status</c>.</summary>
    public static string DeviceName(this CommandStatus status) => DeviceNames[(int)status];

    /// <summary>The API's name (as stored and answered); false for anything else, including a device's lower case.</summary>
    public static bool TryParse(string? name, out CommandStatus status)
    {
        status = default;
        return name is not null && ByName.TryGetValue(name, out status);
    }

    /// <summary>A device's answer; false for anything a device may not answer.</summary>
    public static bool TryParseDeviceAnswer(string? name, out CommandStatus status)
    {
        status = default;
        return name is not null && ByDeviceName.TryGetValue(name, out status);
    }

    private static readonly string[] DeviceNames = [.. Enum.GetValues<CommandStatus>().Select(s => s.ToString().ToLowerInvariant())];

    private static readonly Dictionary<string, CommandStatus> ByName =
        Enum.GetValues<CommandStatus>().ToDictionary(s => s.ToString(), StringComparer.Ordinal);

    private static readonly Dictionary<string, CommandStatus> ByDeviceName =
        AnsweredByDevices.ToDictionary(DeviceName, StringComparer.Ordinal);
}
