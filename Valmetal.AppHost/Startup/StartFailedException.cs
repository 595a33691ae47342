namespace Valmetal.AppHost.Startup;

/// <summary>Thrown before anything starts when the run cannot succeed; each line says what, why and what to do.</summary>
public sealed class StartFailedException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
