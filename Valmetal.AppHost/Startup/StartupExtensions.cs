using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valmetal.AppHost.LocalStack;

namespace Valmetal.AppHost.Startup;

public static class StartupExtensions
{
    /// <summary>
    /// Checks fixed ports and required programs before anything starts, then watches every resource until it is ready
    /// (<see cref="StartupWatch"/>): a start that cannot succeed ends the run with one line instead of waiting forever.
    /// </summary>
    public static IDistributedApplicationBuilder AddStartupChecks(this IDistributedApplicationBuilder builder, LocalStackOptions local)
    {
        builder.Services.AddSingleton(local);
        builder.Services.AddSingleton<StartupWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupWatch>());
        // Aspire keeps dependents of a failed resource waiting when the dashboard is on (to allow a restart there);
        // the run stops at the first failure anyway, so they fail at once and the start can finish.
        builder.Services.Configure<ResourceNotificationServiceOptions>(o => o.DefaultWaitBehavior = WaitBehavior.StopOnResourceUnavailable);
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var dashboard = !e.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard;
            var problems = PreflightChecks.Run(e.Model, local, builder.Configuration, dashboard);
            return problems.Count == 0 ? Task.CompletedTask : throw new StartFailedException(problems);
        });
        return builder;
    }

    /// <summary>Runs until stopped; exit code 1, with the failure's line last on the console, when the start failed.</summary>
    public static async Task<int> RunAndReportAsync(this DistributedApplication app)
    {
        try
        {
            await app.RunAsync();
        }
        catch (StartFailedException ex)
        {
            await LastLineAsync(app, ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            // Stopped (Ctrl-C, SIGTERM, or the watch) while resources were still starting.
        }

        if (app.Services.GetRequiredService<StartupWatch>().FailureLine is { } line)
        {
            await LastLineAsync(app, line);
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// The console logger writes from a queue on its own thread, so what Aspire logs while shutting down could follow
    /// the line; disposing the application flushes that queue first.
    /// </summary>
    private static async Task LastLineAsync(DistributedApplication app, string line)
    {
        await app.DisposeAsync();
        await Console.Error.WriteLineAsync(line);
    }
}
