namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// A fresh start is clean: until every part is healthy, no resource logs at error level and the AppHost warns of
/// nothing, so that red in the dashboard always means something. The fixture starts the platform as <c>./build.sh run</c>
/// does, from an empty state folder and at the same log levels (the AppHost's and each service's appsettings).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CleanStartTests(PlatformFixture platform)
{
    [Fact]
    public void A_fresh_start_logs_no_error_until_every_part_is_healthy()
    {
        var errors = platform.ErrorLines.Where(line => line.At <= platform.HealthyAt).ToList();

        Assert.True(errors.Count == 0, "Errors logged while starting:\n" + string.Join('\n', errors));
    }

    [Fact]
    public void The_apphost_warns_of_nothing_while_starting()
    {
        var warnings = platform.AppHostWarningsWhileStarting;

        Assert.True(warnings.Count == 0, "The AppHost warned:\n" + string.Join('\n', warnings));
    }
}
