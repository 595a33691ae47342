using System.ComponentModel.DataAnnotations;

namespace Valmetal.Notifier.Tests;

public sealed class NotifierOptionsTests
{
    [Fact]
    public void A_farm_s_delay_is_counted_in_escalation_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), new NotifierOptions().EscalationDelay(15));
        Assert.Equal(TimeSpan.FromSeconds(20), new NotifierOptions { EscalationMinute = TimeSpan.FromSeconds(10) }.EscalationDelay(2));
    }

    [Theory]
    [InlineData("00:00:00.5", false)]
    [InlineData("00:00:01", true)]
    [InlineData("00:01:00", true)]
    [InlineData("00:01:01", false)]
    public void An_escalation_minute_lasts_from_one_second_to_one_minute(string minute, bool valid)
    {
        var options = new NotifierOptions
        {
            WebBaseUrl = new Uri("https://connect.example/"), SupportEmail = "support@example.test", FromAddress = "alarms@example.test",
            EscalationMinute = TimeSpan.Parse(minute, System.Globalization.CultureInfo.InvariantCulture),
        };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(valid ? [] : [nameof(NotifierOptions.EscalationMinute)], results.SelectMany(r => r.MemberNames));
    }
}
