namespace Valmetal.TestSupport.Postgres;

/// <summary>
/// One <see cref="TemporaryPostgres"/> for a test collection: started before its first test, stopped and deleted after
/// its last. A suite shares it with <c>[Collection(PostgresCollection.Name)]</c> and gives each test class a database
/// of its own (<see cref="TemporaryPostgres.CreateDatabaseAsync"/>); a suite that needs more set-up derives from it.
/// </summary>
public class PostgresFixture : IAsyncLifetime
{
    private TemporaryPostgres? _server;

    public TemporaryPostgres Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public virtual async Task InitializeAsync() => _server = await TemporaryPostgres.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
