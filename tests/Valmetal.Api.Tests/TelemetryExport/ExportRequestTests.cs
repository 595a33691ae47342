using Valmetal.Api.Features.TelemetryExport;

namespace Valmetal.Api.Tests.TelemetryExport;

public sealed class ExportRequestTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Metrics_are_trimmed_and_each_kept_once_in_order()
    {
        var (request, validation) = ExportRequest.Parse(From, From.AddDays(1), " temp ,rpm,temp,, load");

        Assert.True(validation.IsValid);
        Assert.Equal(["temp", "rpm", "load"], request!.Metrics);
        Assert.Equal((From, From.AddDays(1)), (request.From, request.To));
    }

    [Fact]
    public void A_span_of_exactly_the_maximum_is_allowed_and_one_tick_more_is_refused()
    {
        Assert.True(ExportRequest.Parse(From, From + ExportRequest.MaxSpan, "temp").Validation.IsValid);

        var (request, validation) = ExportRequest.Parse(From, From + ExportRequest.MaxSpan + TimeSpan.FromTicks(1), "temp");

        Assert.Null(request);
        Assert.Equal(["from"], validation.Errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_end_at_or_before_the_start_is_refused(int hours)
    {
        var (request, validation) = ExportRequest.Parse(From, From.AddHours(hours), "temp");

        Assert.Null(request);
        Assert.Equal(["to"], validation.Errors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ,")]
    [InlineData("m1,m2,m3,m4,m5,m6,m7,m8,m9,m10,m11")]
    public void No_metric_or_more_than_the_maximum_is_refused(string? metrics)
    {
        var (request, validation) = ExportRequest.Parse(From, From.AddDays(1), metrics);

        Assert.Null(request);
        Assert.Equal(["metrics"], validation.Errors.Keys);
    }

    [Fact]
    public void Ten_metrics_are_allowed_and_repeats_do_not_count_twice()
    {
        var ten = string.Join(',', Enumerable.Range(1, ExportRequest.MaxMetrics).Select(i => $"m{i}"));

        Assert.True(ExportRequest.Parse(From, From.AddDays(1), ten + "," + ten).Validation.IsValid);
    }

    [Fact]
    public void An_over_long_parameter_is_refused_before_its_keys_are_read()
    {
        var metrics = "temp," + new string(',', ExportRequest.MaxMetricsParameterLength);

        Assert.Equal(["metrics"], ExportRequest.Parse(From, From.AddDays(1), metrics).Validation.Errors.Keys);
    }

    [Theory]
    [InlineData("temp,../x")]
    [InlineData("temp,a b")]
    [InlineData("temp,<script>")]
    public void A_metric_key_that_is_not_a_valid_name_is_refused(string metrics) =>
        Assert.Equal(["metrics"], ExportRequest.Parse(From, From.AddDays(1), metrics).Validation.Errors.Keys);
}
