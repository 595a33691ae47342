using System.Globalization;
using Valmetal.Api.Features.TelemetryExport;

namespace Valmetal.Api.Tests.TelemetryExport;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("°C", "°C")]
    [InlineData("", "")]
    [InlineData("kg/h", "kg/h")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    public void Text_that_could_break_a_column_is_quoted_with_its_quotes_doubled(string unit, string expected) =>
        Assert.Equal(expected, CsvExport.Escape(unit));

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+SUM(A1)", "\"'+SUM(A1)\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("=\"x\"", "\"'=\"\"x\"\"\"")]
    [InlineData("a=1", "a=1")]
    public void A_leading_formula_character_is_defused_so_a_spreadsheet_shows_text(string unit, string expected) =>
        Assert.Equal(expected, CsvExport.Escape(unit));

    [Fact]
    public void A_row_is_written_the_same_in_every_culture_with_the_exact_value()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-CA");
        try
        {
            var line = CsvExport.Line(new DateTime(2026, 11, 30, 8, 5, 9, 123, DateTimeKind.Utc), "temp", 0.1 + 0.2, "°C, inside");

            Assert.Equal("2026-11-30T08:05:09.123Z,temp,0.30000000000000004,\"°C, inside\"", line);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
