namespace Valmetal.Telemetry.Tests.Validation;

/// <summary>A clock that stands still, so "five minutes in the future" means the same on every run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
