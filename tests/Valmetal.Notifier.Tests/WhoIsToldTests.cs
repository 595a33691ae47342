using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Outbox;

namespace Valmetal.Notifier.Tests;

public sealed class WhoIsToldTests
{
    private static readonly TimeZoneInfo Montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    // 03:00 in Montréal on a winter night (UTC-5).
    private static readonly DateTimeOffset Night = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static FarmMember Farmer(string? minimum = null, TimeOnly? quietFrom = null, TimeOnly? quietUntil = null, bool? sms = null, string? phone = "+15145550123") =>
        new("farmer-1", "marie@farm.local", phone, "fr-CA", WhoIsTold.FarmerRole, null, null, sms, minimum, quietFrom, quietUntil);

    [Fact]
    public void A_farmer_who_chose_nothing_hears_of_major_alarms_by_e_mail_and_on_each_subscribed_browser()
    {
        var deliveries = WhoIsTold.Raised(7, AlarmSeverity.Major, Farmer(), ["https://push.example/a", "https://push.example/b"], Montreal, Night, AlarmSeverity.Major).ToList();

        Assert.Equal([NotificationChannel.Email, NotificationChannel.Push, NotificationChannel.Push], deliveries.Select(d => d.Channel));
        Assert.Equal(3, deliveries.Select(d => d.IdempotencyKey).Distinct().Count());
        Assert.All(deliveries, d => Assert.Equal("fr-CA", d.Language));
        Assert.Empty(WhoIsTold.Raised(7, AlarmSeverity.Minor, Farmer(), [], Montreal, Night, AlarmSeverity.Major));
    }

    [Fact]
    public void A_technician_hears_nothing_unless_they_chose_to_since_escalation_tells_them()
    {
        var technician = Farmer() with { Role = "technicians" };

        Assert.Empty(WhoIsTold.Raised(7, AlarmSeverity.Critical, technician, [], Montreal, Night, AlarmSeverity.Major));
        Assert.Single(WhoIsTold.Raised(7, AlarmSeverity.Critical, technician with { MinimumSeverity = AlarmSeverity.Critical }, [], Montreal, Night, AlarmSeverity.Major));
    }

    [Fact]
    public void An_escalation_contact_is_told_on_their_channels_at_night_and_by_e_mail_if_they_turned_every_channel_off()
    {
        var alarm = Guid.NewGuid();
        var technician = Farmer(AlarmSeverity.Critical, new TimeOnly(22, 0), new TimeOnly(6, 0), sms: true) with { Role = "technicians" };

        var told = WhoIsTold.Escalated(alarm, 0, technician, ["https://push.example/a"], Night).ToList();
        Assert.Equal([NotificationChannel.Email, NotificationChannel.Push, NotificationChannel.Sms], told.Select(d => d.Channel));
        Assert.All(told, d => Assert.Equal(Night, d.NotBefore));

        var silent = technician with { ByEmail = false, ByPush = false, BySms = false };
        var fallback = Assert.Single(WhoIsTold.Escalated(alarm, 0, silent, ["https://push.example/a"], Night));
        Assert.Equal((NotificationChannel.Email, "marie@farm.local"), (fallback.Channel, fallback.Address));
    }

    [Fact]
    public void Quiet_hours_on_the_farm_s_clock_hold_all_but_critical_alarms_until_they_end()
    {
        var member = Farmer(AlarmSeverity.Warning, new TimeOnly(22, 0), new TimeOnly(6, 0));

        var major = Assert.Single(WhoIsTold.Raised(7, AlarmSeverity.Major, member, [], Montreal, Night, AlarmSeverity.Major));
        var critical = Assert.Single(WhoIsTold.Raised(7, AlarmSeverity.Critical, member, [], Montreal, Night, AlarmSeverity.Major));

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.FromHours(-5)), major.NotBefore);
        Assert.Equal(Night, critical.NotBefore);
    }

    [Theory]
    [InlineData(23, 0, 2026, 12, 3)] // before midnight: the end is tomorrow morning
    [InlineData(3, 0, 2026, 12, 2)]
    public void Quiet_hours_that_wrap_past_midnight_end_the_next_morning(int hour, int minute, int year, int month, int day)
    {
        var local = new DateTimeOffset(2026, 12, 2, hour, minute, 0, TimeSpan.FromHours(-5));

        var end = WhoIsTold.AfterQuietHours(local, Montreal, new TimeOnly(22, 0), new TimeOnly(6, 0));

        Assert.Equal(new DateTimeOffset(year, month, day, 6, 0, 0, TimeSpan.FromHours(-5)), end);
    }

    [Fact]
    public void Outside_quiet_hours_a_message_goes_at_once()
    {
        var noon = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(noon, WhoIsTold.AfterQuietHours(noon, Montreal, new TimeOnly(22, 0), new TimeOnly(6, 0)));
        Assert.Equal(noon, WhoIsTold.AfterQuietHours(noon, Montreal, null, null));
    }

    [Fact]
    public void Sms_goes_only_to_a_member_who_chose_it_and_has_a_number()
    {
        Assert.Contains(WhoIsTold.Raised(7, AlarmSeverity.Critical, Farmer(sms: true), [], Montreal, Night, AlarmSeverity.Major), d => d.Channel == NotificationChannel.Sms);
        Assert.DoesNotContain(WhoIsTold.Raised(7, AlarmSeverity.Critical, Farmer(sms: true, phone: null), [], Montreal, Night, AlarmSeverity.Major), d => d.Channel == NotificationChannel.Sms);
    }

    [Theory]
    [InlineData(AlarmSeverity.Critical, AlarmSeverity.Major, true)]
    [InlineData(AlarmSeverity.Major, AlarmSeverity.Major, true)]
    [InlineData(AlarmSeverity.Minor, AlarmSeverity.Major, false)]
    [InlineData("unknown", AlarmSeverity.Warning, false)]
    public void Severities_rank_from_critical_to_warning(string severity, string minimum, bool told) =>
        Assert.Equal(told, AlarmSeverity.AtLeast(severity, minimum));
}
