using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// The key manager .NET registers, with the key ring read again every minute instead of about once a day. Tasks that
/// start together on an empty ring (a first deploy, every local run) each create a key, and a task that read the ring
/// before another's key was written does not learn that key until its next read. .NET reads again on an unknown key
/// only in a task's first two minutes (dotnet/aspnetcore#3975), so without this a browser signed in on one task would
/// be sent back to the sign-in page by the other for up to a day. A read is one S3 list and one get per key.
/// </summary>
internal sealed class RefreshingKeyManager(IKeyManager inner, TimeProvider time) : IKeyManager, IDisposable
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private Expiry? _current;

    /// <summary>Expires when the inner manager's token does (a key created or revoked here) or a period from now.</summary>
    public CancellationToken GetCacheExpirationToken()
    {
        var timer = new CancellationTokenSource(RefreshPeriod, time);
        var expiry = new Expiry(timer, CancellationTokenSource.CreateLinkedTokenSource(inner.GetCacheExpirationToken(), timer.Token));
        // Only the newest key ring's token matters; disposing the one before unhooks it from the inner token.
        Interlocked.Exchange(ref _current, expiry)?.Dispose();
        return expiry.Token;
    }

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => inner.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Dispose();

    private sealed class Expiry(CancellationTokenSource timer, CancellationTokenSource linked) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        public void Dispose()
        {
            linked.Dispose();
            timer.Dispose();
        }
    }
}
