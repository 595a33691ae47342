using System.ComponentModel.DataAnnotations;
using Valmetal.Api.Features.Documents;

namespace Valmetal.Api.Tests.Documents;

public sealed class DocumentOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_abandon_an_upload_half_an_hour_after_its_url_was_issued()
    {
        var options = new DocumentOptions();

        Assert.Empty(Errors(options));
        Assert.Equal(TimeSpan.FromMinutes(30), options.AbandonedAfter);
    }

    /// <summary>The bucket expires pending objects after a day: the sweep must always have acted before.</summary>
    [Theory]
    [InlineData("UploadUrlLifetime", "12:00:01")]
    [InlineData("AbandonMargin", "12:00:01")]
    [InlineData("SweepInterval", "00:00:00")]
    [InlineData("UploadUrlLifetime", "00:00:00")]
    public void Lifetimes_beyond_what_the_bucket_rule_allows_are_refused_at_start(string property, string value)
    {
        var options = new DocumentOptions();
        typeof(DocumentOptions).GetProperty(property)!.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(property));
    }

    private static List<ValidationResult> Errors(DocumentOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
