namespace Valmetal.DeviceContract.Commands;

/// <summary>
/// Where a command is in its life. The API stores and answers each member's name as written here
/// (<c>device_commands.status</c>, the commands API and the web app read it); a device answers with the lower-case
/// name of one it may set (<see cref="CommandStatuses"/>). Renaming a member changes stored rows and the wire.
/// </summary>
public enum CommandStatus
{
    Pending,
    Accepted,
    Succeeded,
    Failed,
    Rejected,
    Expired,
}
