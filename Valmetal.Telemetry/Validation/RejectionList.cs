using Valmetal.DeviceContract.Rejections;

namespace Valmetal.Telemetry.Validation;

/// <summary>
/// A message's refusals: the first few in detail, the rest counted per reason. A 128 KB message can hold 32,000 bad
/// values; operators need a few examples and the count, and the pipeline must not carry 32,000 records.
/// </summary>
public sealed class RejectionList
{
    public const int MaxDetailed = 20;

    private readonly List<Rejection> _detailed = [];
    private readonly Dictionary<RejectionReason, int> _more = [];

    public int Count { get; private set; }

    public void Add(Rejection rejection)
    {
        Count++;
        if (_detailed.Count < MaxDetailed)
        {
            _detailed.Add(rejection);
        }
        else
        {
            _more[rejection.Reason] = _more.GetValueOrDefault(rejection.Reason) + 1;
        }
    }

    public IReadOnlyList<Rejection> ToList() =>
    [
        .. _detailed,
        .. _more.Select(m => new Rejection(m.Key, $"{m.Value} more values refused for this reason", m.Value)),
    ];
}
