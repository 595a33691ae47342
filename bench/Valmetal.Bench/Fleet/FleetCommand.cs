namespace Valmetal.Bench.Fleet;

/// <summary>Runs the fleet mode the command line asks for: many connections (with or without a storm), or the overload.</summary>
public static class FleetCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (parsed, error) = FleetOptions.Parse(args);
        if (parsed is not { } options)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(FleetOptions.Usage);
            return 2;
        }

        return options.Overload ? await OverloadRun.RunAsync(options) : await FleetRun.RunAsync(options);
    }
}
