using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// The key manager .NET registers, with the key ring read again every minute instead of about once a day, and at once
/// when <see cref="UnknownKeyRereads"/> meets a key this task does not hold. Tasks that start together on an empty
/// ring (a first deploy, every local run) each create a key; reading every minute, they all hold every key and protect
/// with the same default key a minute later. A read is one S3 list and one get per key.
/// </summary>
internal sealed class RefreshingKeyManager(IKeyManager inner, TimeProvider time) : IKeyManager, IDisposable
{
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private Expiry? _current;

    /// <summary>Expires when the inner manager's token does (a key created or revoked here) or a period from now.</summary>
    public CancellationToken GetCacheExpirationToken()
    {
        var timer = new CancellationTokenSource(RefreshPeriod, time);
        var expiry = new Expiry(timer, CancellationTokenSource.CreateLinkedTokenSource(inner.GetCacheExpirationToken(), timer.Token));
        lock (_gate)
        {
            // Only the newest key ring's token matters; disposing the one before unhooks it from the inner token.
            _current?.Dispose();
            _current = expiry;
        }

        return expiry.Token;
    }

    /// <summary>Expires the current key ring now: the next read of it is a read of the repository.</summary>
    public void Expire()
    {
        lock (_gate)
        {
            _current?.Expire();
        }
    }

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => inner.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    private sealed class Expiry(CancellationTokenSource timer, CancellationTokenSource linked) : IDisposable
    {
        public CancellationToken Token => linked.Token;

        public void Expire() => timer.Cancel();

        public void Dispose()
        {
            linked.Dispose();
            timer.Dispose();
        }
    }
}
