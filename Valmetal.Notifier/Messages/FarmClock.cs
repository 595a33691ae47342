namespace Valmetal.Notifier.Messages;

/// <summary>A farm's IANA time zone; a zone this system does not know reads as UTC rather than failing the message.</summary>
public static class FarmClock
{
    public static TimeZoneInfo Of(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
