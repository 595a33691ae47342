using System.Globalization;
using Valmetal.DeviceContract.Alarms;

namespace Valmetal.Telemetry.Tests.Alarms;

/// <summary>How an alarm reads in each language: the text stored, listed by the API and sent by the notifier.</summary>
public sealed class AlarmDescriptionTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");

    [Fact]
    public void A_threshold_alarm_names_the_metric_threshold_and_reading_with_the_reader_s_decimal_separator()
    {
        Assert.Equal("Motor temperature above 105 °C (112.5 °C)",
            AlarmDescription.Describe(AlarmKind.Threshold, "motor_temp_c", "", 112.5, 105, "Motor temperature", "°C", AlarmDescription.English));
        Assert.Equal("Température du moteur au-dessus de 105 °C (112,5 °C)",
            AlarmDescription.Describe(AlarmKind.Threshold, "motor_temp_c", "", 112.5, 105, "Température du moteur", "°C", French));
    }

    [Fact]
    public void A_metric_without_a_unit_or_a_catalogue_entry_still_reads_cleanly()
    {
        Assert.Equal("cycles above 3 (4)", AlarmDescription.Describe(AlarmKind.Threshold, "cycles", "", 4, 3, null, null, AlarmDescription.English));
    }

    [Fact]
    public void An_offline_alarm_says_how_long_the_unit_was_silent_or_that_it_said_goodbye()
    {
        Assert.Equal("No message for more than 120 s",
            AlarmDescription.Describe(AlarmKind.Offline, AlarmKind.ConnectivitySource, "", null, 120, null, null, AlarmDescription.English));
        Assert.Equal("Aucun message depuis plus de 120 s",
            AlarmDescription.Describe(AlarmKind.Offline, AlarmKind.ConnectivitySource, "", null, 120, null, null, French));
        Assert.Equal("L’appareil a signalé qu’il se déconnectait",
            AlarmDescription.Describe(AlarmKind.Offline, AlarmKind.ConnectivitySource, "", null, null, null, null, French));
    }

    [Fact]
    public void A_fault_keeps_the_device_s_own_words_after_its_code_and_is_named_when_it_has_none()
    {
        Assert.Equal("E12 : Auger jammed", AlarmDescription.Describe(AlarmKind.Fault, "E12", "Auger jammed", null, null, null, null, French));
        Assert.Equal("E12: Auger jammed", AlarmDescription.Describe(AlarmKind.Fault, "E12", "Auger jammed", null, null, null, null, AlarmDescription.English));
        Assert.Equal("Défaut E12", AlarmDescription.Describe(AlarmKind.Fault, "E12", "", null, null, null, null, French));
        Assert.Equal("Fault E12", AlarmDescription.Describe(AlarmKind.Fault, "E12", "", null, null, null, null, AlarmDescription.English));
    }
}
