using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Valmetal.Api.Features.DeviceIdentity;
using Valmetal.Api.Features.DeviceIdentity.IotCore;
using Valmetal.DeviceContract.Catalogue;
using Valmetal.DevicePki;
using Valmetal.IotCoreFake;
using Valmetal.IotCoreFake.Registry;

namespace Valmetal.AwsHttp.Tests;

/// <summary>
/// The API's IoT registry, built as the API builds it, against the IoT fake in process; and the fake against AWS's
/// own IoT client: the requests @aws-sdk/client-iot sends, replayed to it, register, revoke and delete a thing.
/// </summary>
public sealed class IotCoreRegistryTests : IAsyncLifetime
{
    private const string Region = "ca-central-1";
    private const string Prefix = "valmetal-test";
    private const string Policy = Prefix + "-device";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _folder = Directory.CreateTempSubdirectory("valmetal-iot-fake-").FullName;
    private WebApplication _fake = null!;

    private IotRegistry Fake => _fake.Services.GetRequiredService<IotRegistry>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddOptions<IotFakeOptions>().Configure(o =>
        {
            o.PkiFolder = Path.Combine(_folder, "pki");
            o.StateFile = Path.Combine(_folder, "registry.json");
            o.Region = Region;
            o.EndpointAddress = "broker.test";
            o.Policies = [Policy];
            o.ThingTypePrefix = Prefix;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IotRegistry>();
        _fake = builder.Build();
        _fake.MapIotEndpoints();
        await _fake.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task An_issued_certificate_names_its_thing_holds_the_returned_key_and_is_attached_to_the_thing_and_the_policy()
    {
        await using var services = Services(Policy);

        var issued = await services.GetRequiredService<IDeviceRegistry>().IssueAsync("VM-FM-30001", EquipmentKind.FeedMixer, None);

        // CreateFromPem pairs the key with the certificate and throws if they do not match.
        using var certificate = X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
        Assert.Equal("VM-FM-30001", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Equal(ThingTypes.Name(Prefix, EquipmentKind.FeedMixer), Fake.DescribeThing("VM-FM-30001").ThingTypeName);
        var principal = Assert.Single(Fake.ListThingPrincipals("VM-FM-30001"));
        Assert.Equal([principal], Fake.ListTargetsForPolicy(Policy));
        Assert.Equal(IotRegistry.Active, Fake.DescribeCertificate(IotCoreDeviceRegistry.CertificateId(principal)).Status);
    }

    [Fact]
    public async Task Revoking_revokes_and_detaches_the_things_certificates_and_retiring_also_deletes_the_thing()
    {
        await using var services = Services(Policy);
        var registry = services.GetRequiredService<IDeviceRegistry>();
        await registry.IssueAsync("VM-FM-30002", EquipmentKind.FeedMixer, None);
        var first = Assert.Single(Fake.ListThingPrincipals("VM-FM-30002"));

        await registry.RevokeAsync("VM-FM-30002", None);

        Assert.Empty(Fake.ListThingPrincipals("VM-FM-30002"));
        Assert.Empty(Fake.ListTargetsForPolicy(Policy));
        Assert.Equal(IotRegistry.Revoked, Fake.DescribeCertificate(IotCoreDeviceRegistry.CertificateId(first)).Status);

        await registry.IssueAsync("VM-FM-30002", EquipmentKind.FeedMixer, None);
        await registry.DeregisterAsync("VM-FM-30002", None);

        Assert.Equal("ResourceNotFoundException", Assert.Throws<IotFakeException>(() => Fake.DescribeThing("VM-FM-30002")).Code);
        Assert.Equal(2, Fake.ListCertificates().Count);
        Assert.All(Fake.ListCertificates(), c => Assert.Equal(IotRegistry.Revoked, c.Status));
    }

    [Fact]
    public async Task A_certificate_whose_policy_cannot_be_attached_is_revoked_and_the_admin_gets_a_502()
    {
        await using var services = Services(Prefix + "-no-such-policy");

        var error = await Assert.ThrowsAsync<IotNotFoundException>(() =>
            services.GetRequiredService<IDeviceRegistry>().IssueAsync("VM-FM-30003", EquipmentKind.FeedMixer, None));

        Assert.Equal(502, IotExceptionHandler.ToProblem(error).Status);
        Assert.Equal(IotRegistry.Revoked, Assert.Single(Fake.ListCertificates()).Status);
    }

    [Theory]
    [InlineData(null, "MissingAuthenticationTokenException")]
    [InlineData("iot-data", "InvalidSignatureException")]
    public async Task Requests_not_signed_for_iot_are_refused_as_iot_core_refuses_them(string? signingName, string code)
    {
        await using var services = Signed(signingName);

        var error = await Assert.ThrowsAsync<IotNotAuthorizedException>(() =>
            services.GetRequiredService<IotClient>().DescribeEndpointAsync("iot:Data-ATS", None));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task The_requests_of_AWSs_own_IoT_client_register_revoke_and_delete_a_thing_in_the_fake()
    {
        const string thing = "VM-FM-30004";
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var created = await ReplayAsync([
            ("CreateThing", new JsonObject { ["thingName"] = thing, ["thingTypeName"] = ThingTypes.Name(Prefix, EquipmentKind.Conveyor) }),
            ("CreateCertificateFromCsr", new JsonObject { ["certificateSigningRequest"] = CertificateSubject.SigningRequest(thing, key), ["setAsActive"] = true }),
        ]);
        var arn = created[1]["certificateArn"]!.GetValue<string>();
        var id = created[1]["certificateId"]!.GetValue<string>();

        await ReplayAsync([
            ("AttachPolicy", new JsonObject { ["policyName"] = Policy, ["target"] = arn }),
            ("AttachThingPrincipal", new JsonObject { ["thingName"] = thing, ["principal"] = arn }),
        ]);

        Assert.Equal([arn], Fake.ListThingPrincipals(thing));
        Assert.Equal([arn], Fake.ListTargetsForPolicy(Policy));
        Assert.Equal(IotRegistry.Active, Fake.DescribeCertificate(id).Status);

        var answers = await ReplayAsync([
            ("ListThingPrincipals", new JsonObject { ["thingName"] = thing }),
            ("UpdateCertificate", new JsonObject { ["certificateId"] = id, ["newStatus"] = "REVOKED" }),
            ("DetachPolicy", new JsonObject { ["policyName"] = Policy, ["target"] = arn }),
            ("DetachThingPrincipal", new JsonObject { ["thingName"] = thing, ["principal"] = arn }),
            ("DeleteThing", new JsonObject { ["thingName"] = thing }),
            ("DescribeEndpoint", new JsonObject { ["endpointType"] = "iot:Data-ATS" }),
        ]);

        Assert.Equal(arn, answers[0]["principals"]![0]!.GetValue<string>());
        Assert.Equal(IotRegistry.Revoked, Fake.DescribeCertificate(id).Status);
        Assert.Empty(Fake.ListTargetsForPolicy(Policy));
        Assert.Throws<IotFakeException>(() => Fake.DescribeThing(thing));
        Assert.Equal("broker.test", answers[5]["endpointAddress"]!.GetValue<string>());
    }

    [Fact]
    public void Devices_are_handed_the_one_root_of_the_system_bundle_the_settings_name()
    {
        const string amazonRootCa1 = "CN=Amazon Root CA 1, O=Amazon, C=US";

        var pem = IotCoreDeviceRegistry.BrokerCa(new DeviceRegistryOptions { BrokerCaFile = "/etc/ssl/certs/ca-certificates.crt", BrokerCaSubject = amazonRootCa1 });

        using var ca = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(amazonRootCa1, ca.Subject);
        Assert.Equal(1, pem.Split("-----BEGIN CERTIFICATE-----").Length - 1);
    }

    /// <summary>
    /// Sends to the fake what AWS's IoT client sent for these operations (method, path, query, protocol headers and
    /// body as captured), signed as every call here is; any refusal fails the test with the fake's answer.
    /// </summary>
    private async Task<IReadOnlyList<JsonObject>> ReplayAsync(IReadOnlyList<(string Operation, JsonObject Input)> cases)
    {
        var requests = await SdkParity.SendTheirsAsync("iot", cases);
        await using var services = Signed(IotClient.SigningName);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IotClient));
        var answers = new List<JsonObject>();
        foreach (var wire in requests)
        {
            var query = wire.Query.Count == 0 ? string.Empty : "?" + string.Join('&', wire.Query);
            using var request = new HttpRequestMessage(new HttpMethod(wire.Method), wire.Path + query);
            if (wire.Body is not null)
            {
                request.Content = new StringContent(wire.Body.ToJsonString(), Encoding.UTF8);
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(wire.Headers["content-type"]);
            }

            foreach (var (name, value) in wire.Headers.Where(h => !h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{wire.Operation}: {(int)response.StatusCode} {body}");
            answers.Add(JsonNode.Parse(body) as JsonObject ?? []);
        }

        return answers;
    }

    /// <summary>The API's device registry as the API builds it (<c>AddDeviceRegistry</c>), sending to the fake.</summary>
    private ServiceProvider Services(string policy)
    {
        var configuration = Configuration(new()
        {
            ["DeviceRegistry:Kind"] = "IotCore",
            ["DeviceRegistry:ServiceUrl"] = $"https://iot.{Region}.amazonaws.com",
            ["DeviceRegistry:PolicyName"] = policy,
            ["DeviceRegistry:ThingTypePrefix"] = Prefix,
            ["DeviceRegistry:BrokerCaFile"] = Path.Combine(_folder, "pki", "ca.crt"),
        });
        var services = Common(configuration);
        services.AddDeviceRegistry(configuration);
        services.AddHttpClient<IotClient>().ConfigurePrimaryHttpMessageHandler(() => _fake.GetTestServer().CreateHandler());
        return services.BuildServiceProvider();
    }

    /// <summary>An IotClient signing for <paramref name="signingName"/> (null: not signing at all), sending to the fake.</summary>
    private ServiceProvider Signed(string? signingName)
    {
        var services = Common(Configuration([]));
        var client = services.AddHttpClient<IotClient>(http => http.BaseAddress = new Uri($"https://iot.{Region}.amazonaws.com"));
        if (signingName is not null)
        {
            client.AddAwsSigning(signingName);
        }

        client.ConfigurePrimaryHttpMessageHandler(() => _fake.GetTestServer().CreateHandler());
        return services.BuildServiceProvider();
    }

    private static ServiceCollection Common(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAwsCredentialSource>(new StaticCredentialSource(new AwsKeys("AKIDEXAMPLE", "secret")));
        services.AddAwsHttp(configuration);
        return services;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["Aws:Region"] = Region }).Build();
}
