using Valmetal.LocalPostgres;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Api.Tests.Infrastructure;

/// <summary>The local stack's readiness probe reads the server's lock file rather than connecting while it starts.</summary>
public sealed class PostmasterStatusTests
{
    [Fact]
    public async Task A_running_server_reports_ready_in_its_lock_file()
    {
        await using var postgres = await TemporaryPostgres.StartAsync();

        Assert.True(PostmasterStatus.IsReady(postgres.DataDirectory));
    }

    [Fact]
    public void A_cluster_without_a_server_is_not_ready()
    {
        var empty = Directory.CreateTempSubdirectory("valmetal-no-postmaster-");
        try
        {
            Assert.False(PostmasterStatus.IsReady(empty.FullName));
            Assert.False(PostmasterStatus.IsReady(Path.Combine(empty.FullName, "missing")));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
