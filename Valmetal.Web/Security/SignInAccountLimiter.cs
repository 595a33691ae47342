using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Valmetal.Web.Account;

namespace Valmetal.Web.Security;

/// <summary>Sign-in attempts per account, whatever address they come from: guessing spread over many addresses still counts here.</summary>
public sealed class SignInAccountLimiter(IOptions<SignInRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerAccountPermits, Window = options.Value.Window, QueueLimit = 0,
        }));

    /// <summary>Case and surrounding blanks do not make another account; the length is capped as the form caps it.</summary>
    public RateLimitLease Attempt(string email)
    {
        var account = email.Trim().ToUpperInvariant();
        return _limiter.AttemptAcquire(account[..Math.Min(account.Length, AccountEndpoints.MaxEmailLength)]);
    }

    public void Dispose() => _limiter.Dispose();
}
