using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Valmetal.AppHost.LocalStack;
using Valmetal.LocalPostgres;
using Valmetal.AppHost.Startup;

namespace Valmetal.EndToEnd.Tests.Startup;

/// <summary>
/// A clone under a folder only its owner may enter (root's home, <c>mktemp -d</c>: mode 700) still runs: as root,
/// PostgreSQL runs as the postgres user, so its cluster must live where that user can reach it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateParentTests : IDisposable
{
    private readonly DirectoryInfo _private = Directory.CreateTempSubdirectory("valmetal-private-");

    [Fact]
    public async Task Postgres_becomes_healthy_with_the_state_folder_under_a_mode_700_parent()
    {
        File.SetUnixFileMode(_private.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var state = Path.Combine(_private.FullName, "clone", ".state");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Valmetal_AppHost>(
            LocalStackArguments.For(state), (options, _) => options.DisableDashboard = true, limit.Token);
        // Only PostgreSQL, the part this is about: seconds instead of the whole platform's minute.
        foreach (var other in builder.Resources.Where(r => r.Name is not ("postgres" or "postgres-init")).ToList())
        {
            builder.Resources.Remove(other);
        }

        await using var app = await builder.BuildAsync(limit.Token);
        await app.StartAsync(limit.Token);
        var healthy = app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", limit.Token);
        var failure = app.Services.GetRequiredService<StartupWatch>().Failure;
        Assert.True(await Task.WhenAny(healthy, failure) == healthy, failure.IsCompleted ? await failure : "");

        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("postgres", limit.Token));
        await connection.OpenAsync(limit.Token);
        await using var query = new NpgsqlCommand("show data_directory", connection);
        var dataDirectory = (string)(await query.ExecuteScalarAsync(limit.Token))!;
        Assert.Equal(PostgresDataDirectory.For(state), dataDirectory);
        if (LocalUser.RunningAsRoot)
        {
            Assert.False(dataDirectory.StartsWith(_private.FullName, StringComparison.Ordinal), dataDirectory);
        }

        await app.StopAsync(limit.Token);
    }

    public void Dispose()
    {
        PostgresDataDirectory.DeleteOutside(Path.Combine(_private.FullName, "clone", ".state"));
        _private.Delete(recursive: true);
    }
}
