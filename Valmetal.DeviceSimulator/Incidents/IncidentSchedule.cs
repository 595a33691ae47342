namespace Valmetal.DeviceSimulator.Incidents;

/// <summary>
/// When something happens to one device: incidents start after random gaps (exponentially distributed around the
/// mean, as independent failures are) and each lasts between half and one and a half times the typical duration.
/// Driven by the clock the caller passes in, so a seeded <see cref="Random"/> gives the same schedule every time.
/// </summary>
public sealed class IncidentSchedule(Random random, TimeSpan meanInterval, TimeSpan typicalDuration)
{
    private DateTimeOffset? _nextStart;
    private DateTimeOffset? _end;

    public bool IsActive => _end is not null;

    /// <summary>Moves the schedule to <paramref name="now"/> and says whether an incident started or ended.</summary>
    public IncidentChange Advance(DateTimeOffset now)
    {
        _nextStart ??= now + Gap();
        if (_end is { } end)
        {
            if (now < end)
            {
                return IncidentChange.None;
            }

            EndNow(now);
            return IncidentChange.Ended;
        }

        if (now < _nextStart)
        {
            return IncidentChange.None;
        }

        _end = now + typicalDuration * (0.5 + random.NextDouble());
        return IncidentChange.Started;
    }

    /// <summary>Ends the current incident early (someone reset the fault); the next gap starts counting now.</summary>
    public void EndNow(DateTimeOffset now)
    {
        _end = null;
        _nextStart = now + Gap();
    }

    private TimeSpan Gap() => meanInterval * -Math.Log(1 - random.NextDouble());
}

public enum IncidentChange
{
    None,
    Started,
    Ended,
}
