using System.ComponentModel.DataAnnotations;
using Valmetal.Api.Features.Live;

namespace Valmetal.Api.Tests.Live;

public sealed class LiveOptionsTests
{
    [Fact]
    public void The_default_rechecks_access_every_five_seconds()
    {
        var options = new LiveOptions();

        Assert.Empty(Errors(options));
        Assert.Equal(TimeSpan.FromSeconds(5), options.AccessRecheck);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.5")]
    [InlineData("00:05:01")]
    public void An_interval_outside_one_second_to_five_minutes_is_refused_at_start(string interval)
    {
        var options = new LiveOptions { AccessRecheck = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(nameof(LiveOptions.AccessRecheck)));
    }

    private static List<ValidationResult> Errors(LiveOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
