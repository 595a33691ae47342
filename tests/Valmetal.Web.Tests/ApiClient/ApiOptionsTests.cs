using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Valmetal.Web.ApiClient;

namespace Valmetal.Web.Tests.ApiClient;

/// <summary>The API's address is set in every environment: without it, or with a relative one, the web app does not start.</summary>
public sealed class ApiOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("api.example.com")]
    [InlineData("/api")]
    [InlineData("ftp://api.example.com")]
    public async Task The_app_refuses_to_start_without_the_apis_absolute_address(string? address)
    {
        using var host = Host(address);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ApiBaseUrl", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_api_client_is_based_on_the_address_set()
    {
        using var host = Host("https://api.example.com");
        await host.StartAsync();

        using var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ValmetalApiCommands));

        Assert.Equal(new Uri("https://api.example.com"), http.BaseAddress);
        await host.StopAsync();
    }

    private static IHost Host(string? address)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("ApiBaseUrl", address)]);
        builder.Services.AddApiClients(builder.Configuration);
        return builder.Build();
    }
}
