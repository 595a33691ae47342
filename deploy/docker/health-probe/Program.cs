// dotnet Valmetal.HealthProbe.dll http://127.0.0.1:8080/alive -> exit code 0 when healthy, 1 otherwise.
if (args.Length != 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var url))
{
    await Console.Error.WriteLineAsync("usage: Valmetal.HealthProbe <url>");
    return 2;
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
try
{
    using var response = await http.GetAsync(url);
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
{
    await Console.Error.WriteLineAsync($"unhealthy: {ex.Message}");
    return 1;
}
