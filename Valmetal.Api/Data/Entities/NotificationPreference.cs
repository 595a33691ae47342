namespace Valmetal.Api.Data.Entities;

/// <summary>What one user wants to hear about one farm, and how; quiet hours are on the farm's clock.</summary>
public sealed class NotificationPreference
{
    public required string UserSub { get; set; }
    public Guid FarmId { get; set; }
    public bool Email { get; set; } = true;
    public bool Push { get; set; } = true;
    public bool Sms { get; set; }

    /// <summary>The least severe alarm that is told (<c>Valmetal.DeviceContract.Alarms.AlarmSeverity</c>).</summary>
    public required string MinimumSeverity { get; set; }

    /// <summary>From when to when only critical alarms are told; null for none. May wrap past midnight.</summary>
    public TimeOnly? QuietFrom { get; set; }

    public TimeOnly? QuietUntil { get; set; }
}
