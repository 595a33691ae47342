using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Valmetal.Api.Data;
using Valmetal.DevicePki;
using Valmetal.TestSupport.Postgres;

namespace Valmetal.Api.Tests.Hosting;

/// <summary>
/// One API for a test collection: a throwaway PostgreSQL with the migrations applied, a local CA for device and broker
/// certificates, and <see cref="ApiFactory"/> over them. Tests sign in with <see cref="Tokens"/> as users that
/// <see cref="Tenants"/> puts in the database.
/// </summary>
public sealed class ApiHost : PostgresFixture
{
    private readonly string _pki = Path.Combine(Path.GetTempPath(), "valmetal-api-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private ApiFactory? _factory;
    private Uri? _address;
    private readonly Lazy<Task<DatabaseMatrixData>> _matrixData;
    private readonly Lazy<Task<JsonObject>> _openApi;

    public ApiHost()
    {
        _matrixData = new(() => DatabaseMatrixData.CreateAsync(this));
        _openApi = new(async () =>
        {
            using var anonymous = Client(null);
            return (await anonymous.GetFromJsonAsync<JsonObject>("openapi/v1.json"))!;
        });
    }

    public TestTokens Tokens { get; } = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException("The API host has not started.");

    public Tenants Tenants { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ConnectionString = await Server.CreateDatabaseAsync("valmetal");
        await using (var db = NewDbContext())
        {
            await db.Database.MigrateAsync();
        }

        // The SDK's default chain, as the local stack gives it: the calls are signed, and refused by nothing listening.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local");
        Directory.CreateDirectory(_pki);
        using var ca = LocalCertificateAuthority.OpenOrCreate(_pki);
        var broker = ca.EnsureClientCertificate("clients", "api");
        _factory = new ApiFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:valmetal"] = ConnectionString,
            ["DeviceRegistry:PkiFolder"] = _pki,
            ["Broker:CaCertificatePath"] = ca.CaCertificatePath,
            ["Broker:CertificatePath"] = broker.CertificatePath,
            ["Broker:PrivateKeyPath"] = broker.PrivateKeyPath,
        }, Tokens);
        await using (var db = NewDbContext())
        {
            Tenants = await Tenants.SeedAsync(db);
        }

        // Real HTTP through Kestrel, with its limits and its own refusals (a NUL in the path), as the load balancer sends it.
        _factory.UseKestrel(0);
        // Started here, so the first test does not pay for it and a start failure fails every test with its cause.
        _factory.StartServer();
        using (var probe = _factory.CreateClient())
        {
            _address = probe.BaseAddress;
        }
    }

    /// <summary>A client signed in as <paramref name="user"/> (anonymous when null), asking in <paramref name="language"/>.</summary>
    public HttpClient Client(TestUser? user, string language = "en")
    {
        // Not Factory.CreateClient(): disposing an unread response makes its handler drain it for up to 2 s to reuse the
        // connection, and /api/live never ends; these clients drop the connection at once instead.
        var client = new HttpClient(new SocketsHttpHandler { ResponseDrainTimeout = TimeSpan.Zero, AllowAutoRedirect = false })
        {
            BaseAddress = _address,
        };
        // A request that hangs fails its test with its name, instead of hanging the run.
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", Tokens.AccessToken(user.Sub, user.Groups));
        }

        return client;
    }

    /// <summary>The matrix's resources in this host's database, made by the first test that asks.</summary>
    public Task<DatabaseMatrixData> MatrixDataAsync() => _matrixData.Value;

    /// <summary>The API's OpenAPI document, read once.</summary>
    public Task<JsonObject> OpenApiAsync() => _openApi.Value;

    public ValmetalDbContext NewDbContext() => new(new DbContextOptionsBuilder<ValmetalDbContext>()
        .UseNpgsql(ConnectionString)
        .UseSnakeCaseNamingConvention()
        .Options);

    public override async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Tokens.Dispose();
        await base.DisposeAsync();
        if (Directory.Exists(_pki))
        {
            Directory.Delete(_pki, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "API on PostgreSQL";
}

