using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;

namespace Valmetal.Notifier.Outbox;

/// <summary>
/// The rules of who hears about an alarm, on which channels, and when: pure, so each rule is tested on its own.
/// Farmers hear about their farms by e-mail and push from <c>major</c> up unless they chose otherwise; technicians only
/// when they chose to (otherwise escalation tells them); quiet hours, on the farm's clock, hold all but critical alarms.
/// </summary>
public static class WhoIsTold
{
    public const string FarmerRole = "farmers";

    public static IEnumerable<Delivery> Raised(
        long eventId, string severity, FarmMember member, IReadOnlyList<string> pushEndpoints, TimeZoneInfo farmClock,
        DateTimeOffset now, string defaultMinimumSeverity)
    {
        var chose = member.MinimumSeverity is not null;
        if (!chose && member.Role != FarmerRole)
        {
            return [];
        }

        if (!AlarmSeverity.AtLeast(severity, member.MinimumSeverity ?? defaultMinimumSeverity))
        {
            return [];
        }

        var notBefore = severity == AlarmSeverity.Critical ? now : AfterQuietHours(now, farmClock, member.QuietFrom, member.QuietUntil);
        return Channels(member, pushEndpoints, member.ByEmail ?? true, member.ByPush ?? true, member.BySms ?? false)
            .Select(c => new Delivery($"{eventId}:{member.Sub}:{c.Channel}:{c.Key}", member.Sub, c.Address, c.Channel, member.Language, notBefore));
    }

    /// <summary>
    /// An escalation contact is told on the channels they chose (e-mail and push if none), whatever the hour, and by
    /// e-mail if they turned every channel off: being on a farm's escalation list is a duty an admin gave them, not
    /// a subscription, and an escalation that tells no one would pass in silence.
    /// </summary>
    public static IEnumerable<Delivery> Escalated(Guid alarmId, int level, FarmMember contact, IReadOnlyList<string> pushEndpoints, DateTimeOffset now)
    {
        var chosen = Channels(contact, pushEndpoints, contact.ByEmail ?? true, contact.ByPush ?? true, contact.BySms ?? false).ToList();
        return (chosen.Count > 0 ? chosen : Channels(contact, [], email: true, push: false, sms: false))
            .Select(c => new Delivery($"escalation:{alarmId}:{level}:{contact.Sub}:{c.Channel}:{c.Key}", contact.Sub, c.Address, c.Channel, contact.Language, now));
    }

    /// <summary>A test from the account page goes on every channel the user has, whatever their choices and the hour.</summary>
    public static IEnumerable<Delivery> Test(long eventId, FarmMember user, IReadOnlyList<string> pushEndpoints, DateTimeOffset now) =>
        Channels(user, pushEndpoints, email: true, push: true, sms: true)
            .Select(c => new Delivery($"{eventId}:{user.Sub}:{c.Channel}:{c.Key}", user.Sub, c.Address, c.Channel, user.Language, now));

    /// <summary>
    /// Now, or the end of the quiet hours if now is inside them. The window is on the farm's clock and may wrap past
    /// midnight (22:00 to 06:00).
    /// </summary>
    public static DateTimeOffset AfterQuietHours(DateTimeOffset now, TimeZoneInfo farmClock, TimeOnly? from, TimeOnly? until)
    {
        if (from is not { } start || until is not { } end || start == end)
        {
            return now;
        }

        var local = TimeZoneInfo.ConvertTime(now, farmClock);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inside = start < end ? time >= start && time < end : time >= start || time < end;
        if (!inside)
        {
            return now;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= end)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(end);
        return new DateTimeOffset(endLocal, farmClock.GetUtcOffset(endLocal));
    }

    private static IEnumerable<(string Channel, string Address, string Key)> Channels(
        FarmMember member, IReadOnlyList<string> pushEndpoints, bool email, bool push, bool sms)
    {
        if (email)
        {
            yield return (NotificationChannel.Email, member.Email, "");
        }

        if (push)
        {
            // One message per subscribed browser; the key names the endpoint by a short hash (endpoints are long URLs).
            foreach (var endpoint in pushEndpoints)
            {
                yield return (NotificationChannel.Push, endpoint, EndpointKey(endpoint));
            }
        }

        if (sms && member.Phone is { Length: > 0 } phone)
        {
            yield return (NotificationChannel.Sms, phone, "");
        }
    }

    public static string EndpointKey(string endpoint) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(endpoint)))[..16];
}
