using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using Valmetal.Api.Features.Broker;
using Valmetal.Api.Infrastructure;
using Valmetal.BrokerClient;

namespace Valmetal.Api.Tests.Broker;

/// <summary>
/// A publisher whose connection is not up (here: never started) sends nothing and says so: callers that must reach the
/// device get a 503 problem in their language, best-effort callers a false, and the health check is unhealthy.
/// </summary>
public sealed class DevicePublisherTests
{
    /// <summary>The broker session as the API registers it; never started here.</summary>
    private static readonly BrokerSession Session = new ServiceCollection().AddSingleton(TimeProvider.System).AddBrokerPipelines()
        .BuildServiceProvider().GetRequiredService<BrokerSession>();

    private static DevicePublisher NotConnected() =>
        new(Options.Create(new BrokerConnectionOptions()), Session,
            NullLogger<DevicePublisher>.Instance);

    private static MqttApplicationMessage Command() =>
        new MqttApplicationMessageBuilder().WithTopic("valmetal/VM-1/commands/request").WithPayload("{}"u8.ToArray()).Build();

    [Fact]
    public async Task Publishing_while_not_connected_throws_for_the_caller_that_needs_it_sent_and_is_false_for_best_effort()
    {
        using var publisher = NotConnected();

        var error = await Assert.ThrowsAsync<BrokerUnavailableException>(() => publisher.PublishAsync(Command(), CancellationToken.None));

        Assert.Contains("valmetal/VM-1/commands/request", error.Message, StringComparison.Ordinal);
        Assert.False(await publisher.TryPublishAsync(Command(), CancellationToken.None));
        Assert.Throws<BrokerUnavailableException>(publisher.EnsureConnected);
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_while_the_publisher_is_not_connected()
    {
        using var publisher = NotConnected();

        var result = await new DevicePublisherHealthCheck(publisher).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("not connected to the broker", result.Description);
        Assert.Equal(HealthStatus.Healthy, DevicePublisherHealthCheck.Of(connected: true).Status);
    }

    [Theory]
    [InlineData(null, "Nothing was sent to the equipment")]
    [InlineData("fr-CA", "Rien n’a été envoyé à l’équipement")]
    public async Task Nothing_sent_is_a_503_problem_to_retry_in_the_callers_language(string? acceptLanguage, string title)
    {
        await using var app = await TestHost.StartAsync([], builder => builder.Services.AddExceptionHandler<BrokerUnavailableExceptionHandler>(), app =>
        {
            app.UseExceptionHandler();
            app.MapPost("/commands", IResult () => throw new BrokerUnavailableException("valmetal/VM-1/commands/request"));
        });
        using var client = app.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/commands", UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(QueryTimeoutExceptionHandler.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
    }
}
