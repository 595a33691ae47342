using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Tests.Infrastructure;

/// <summary>The API sits behind a public load balancer: its map of operations is published only where asked for.</summary>
public sealed class ApiReferenceTests
{
    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    [InlineData("/scalar/")]
    public async Task A_production_api_answers_404_for_the_document_and_the_reference_page(string path)
    {
        await using var app = await StartAsync(Environments.Production, enabled: null);

        using var response = await app.GetTestClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Development", null)]
    [InlineData("Production", true)]
    public async Task Development_or_an_explicit_setting_publishes_both(string environment, bool? enabled)
    {
        await using var app = await StartAsync(environment, enabled);
        using var client = app.GetTestClient();

        using var document = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Development_can_turn_them_off()
    {
        await using var app = await StartAsync(Environments.Development, enabled: false);

        using var response = await app.GetTestClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(string environment, bool? enabled)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        if (enabled is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(ApiReference.EnabledKey, enabled.Value ? "true" : "false")]);
        }

        builder.Services.AddApiReference();
        var app = builder.Build();
        app.MapApiReferenceIfEnabled();
        await app.StartAsync();
        return app;
    }
}
