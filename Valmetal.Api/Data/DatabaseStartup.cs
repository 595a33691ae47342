using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.DeviceIdentity.LocalCa;
using Valmetal.Api.Features.Users;

namespace Valmetal.Api.Data;

/// <summary>
/// The work done once per deploy, before any replica takes traffic: <c>Valmetal.Api migrate</c> runs it and exits. Locally
/// it is the AppHost's <c>migrator</c> resource, which the API replicas and telemetry wait for; in AWS a one-off task of
/// the API's task definition. Replicas never do it themselves: two of them would seed and write the local revocation list
/// twice. Migrations follow the expand/contract rule of docs/deployment.md, so the previous release runs on the new schema.
/// </summary>
public static class DatabaseStartup
{
    public const string StartupWorkCommand = "migrate";

    public static bool IsStartupWorkCommand(string[] args) => args is [StartupWorkCommand];

    /// <summary>
    /// Applies checked-in migrations, seeds the demo fleet when <c>Seed:DemoFleet</c> is true, and writes the local
    /// broker's revocation list from the database.
    /// </summary>
    public static async Task RunStartupWorkAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ValmetalDbContext>();
        var ct = app.Lifetime.ApplicationStopping;
        // Migrate reads the history table before creating it, and EF logs that failed read as an error on every fresh
        // database (dotnet/efcore#37328): create it first, as Migrate itself would.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (app.Configuration.GetValue<bool>("Seed:DemoFleet"))
        {
            await DemoFleetSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
            await DemoUsersSeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<CognitoUserAdministration>(),
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        }

        if (app.Configuration.GetValue<bool>("Seed:DemoFleet") && app.Configuration["Seed:DemoCertificatesFolder"] is { Length: > 0 } folder)
        {
            await DemoCertificatesSeeder.SeedAsync(db, folder, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
        }

        if (scope.ServiceProvider.GetRequiredService<IDeviceRegistry>() is LocalCaDeviceRegistry local)
        {
            // The list on disk follows the database, whatever happened to the file in between.
            await local.PublishRevocationsAsync(revokedThing: null, ct);
        }
    }
}
