using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Valmetal.DeviceContract.Alarms;
using Valmetal.DeviceContract.Notifications;
using Valmetal.Notifier.Messages;

namespace Valmetal.Notifier.Tests;

public sealed class AlarmTextTests
{
    private static readonly Uri Web = new("https://connect.valmetal.example/");

    private static readonly AlarmFacts Overheat = new(
        Guid.Parse("0193a4c2-0000-7000-8000-000000000001"), "VM-FM-24001", "Feed mixer #1", Guid.NewGuid(), "Ferme Beauregard", "America/Toronto",
        AlarmKind.Threshold, "motor_temp_c", AlarmSeverity.Critical, AlarmState.Active, "Motor temperature above 90", 92.4, "Motor temperature", "°C",
        new DateTimeOffset(2026, 12, 2, 8, 5, 0, TimeSpan.Zero), "Température du moteur", "°C");

    private static AlarmText Text() => new(new StringLocalizer<AlarmText>(new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));

    [Fact]
    public void A_message_names_the_unit_farm_reading_severity_start_on_the_farm_s_clock_and_links_to_the_alarm()
    {
        var message = Text().Render(AlarmEventKind.Raised, Overheat, "en", 1, Web);

        Assert.Equal("[Critical] Feed mixer #1: Motor temperature 92.4 °C", message.Subject);
        Assert.Contains("Farm: Ferme Beauregard", message.Body, StringComparison.Ordinal);
        // 08:05 UTC is 03:05 in Montréal; ICU puts a narrow no-break space before AM.
        Assert.Matches(@"3:05\sAM", message.Body);
        Assert.Equal($"https://connect.valmetal.example/alarms?serial=VM-FM-24001&alarm={Overheat.AlarmId}", message.Link.ToString());
        Assert.Contains(message.Link.ToString(), message.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void In_french_the_words_numbers_and_clock_are_canadian_french()
    {
        var message = Text().Render(AlarmEventKind.Raised, Overheat, "fr-CA", 1, Web);

        // The metric as the catalogue names it in French.
        Assert.Equal("[Critique] Feed mixer #1 : Température du moteur 92,4 °C", message.Subject);
        Assert.Contains("Ferme : Ferme Beauregard", message.Body, StringComparison.Ordinal);
        Assert.Contains("03 h 05", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_standing_for_several_changes_says_how_many()
    {
        var message = Text().Render(AlarmEventKind.Cleared, Overheat, "en", 4, Web);

        Assert.StartsWith("Resolved: Feed mixer #1", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Changes since the last message: 4", message.Body, StringComparison.Ordinal);
        Assert.EndsWith("(×4)", message.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alarm_without_a_reading_is_described_in_the_recipient_s_language()
    {
        var silent = Overheat with { Kind = AlarmKind.Offline, Source = AlarmKind.ConnectivitySource, Message = "No message for more than 120 s", Value = null, Threshold = 120 };

        var message = Text().Render(AlarmEventKind.Raised, silent, "fr-CA", 1, Web);

        Assert.Equal("[Critique] Feed mixer #1 : Aucun message depuis plus de 120 s", message.Subject);
    }
}
