using Valmetal.TestSupport;

namespace Valmetal.Telemetry.Tests.SingleHome;

/// <summary>A topic or a command status written by hand outside the device contract fails the build's tests.</summary>
public sealed class LiteralHomeTests
{
    private static readonly IReadOnlyList<SourceFile> Sources = [.. SourceFile.Under(RepositoryRoot.Path)];

    [Fact]
    public void No_source_writes_a_topic_or_a_command_status_outside_its_home()
    {
        var found = LiteralScanner.Find(LiteralHomeRules.All, Sources).Select(f => f.ToString()).ToList();

        Assert.True(found.Count == 0, "Use the device contract (Topics, CommandStatus, the Messages records) instead of:"
            + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [Fact]
    public void Every_allowance_is_still_needed() =>
        Assert.Empty(LiteralScanner.Unused(LiteralHomeRules.All, Sources));

    [Fact]
    public void Every_home_and_allowance_exists()
    {
        var missing = LiteralHomeRules.All
            .SelectMany(rule => rule.Homes.Concat(rule.Allowed.Select(a => a.Path)))
            .Where(place => !Sources.Any(s => LiteralRule.Within(s.Path, place)));

        Assert.Empty(missing);
    }

    [Fact]
    public void The_scan_finds_topics_statuses_and_table_names_written_in_code_and_not_in_comments_or_resource_keys()
    {
        var source = SourceFile.Of("Valmetal.Api/Somewhere.cs", """
            // A device publishes on dt/valmetal/{thing}/telemetry; see "cmd/valmetal/{thing}/req/{id}".
            /* Answers come back on .../res/{id} with "accepted". */
            var url = "https://example.test//x"; var topic = $"dt/valmetal/{thing}/telemetry";
            var filter = "$share/telemetry/" + prefix + "+/events";
            var own = rule.Filter.EndsWith("/config", StringComparison.Ordinal);
            var request = $"{prefix}{thing}/req/{id:N}";
            const string Sql = "update device_commands set status = 'Expired' where status = 'Pending'";
            var answer = new { status = "accepted" };
            var title = Text["Failed"];
            """);

        var found = LiteralScanner.Find(LiteralHomeRules.All, [source]).Select(f => (f.Rule, f.Line)).ToList();

        Assert.Equal(
            [("device topic", 3), ("device topic", 4), ("device topic", 5), ("device topic", 6),
             ("command status", 7), ("command status", 8), ("shared table name", 7)],
            found);
    }

    [Fact]
    public void A_home_may_write_its_own_text()
    {
        var home = SourceFile.Of("Valmetal.DeviceContract/Topics.cs", """private const string DataPrefix = "dt/valmetal/";""");

        Assert.Empty(LiteralScanner.Find(LiteralHomeRules.All, [home]));
    }
}
