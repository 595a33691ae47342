using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Valmetal.TimeSeries.Archive;

/// <summary>
/// SHA-256 over points in order: the writer sums what it read from PostgreSQL, the check sums what it reads back from
/// the object, and the partition is dropped only when both agree.
/// </summary>
public sealed class ArchiveChecksum : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _number = new byte[8];

    public long Count { get; private set; }

    public void Add(in ArchivedPoint point)
    {
        AddText(point.Thing);
        AddText(point.Metric);
        AddNumber(point.Timestamp.Ticks);
        AddNumber(BitConverter.DoubleToInt64Bits(point.Value));
        AddText(point.FarmId ?? string.Empty);
        Count++;
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public static string Of(IEnumerable<ArchivedPoint> points)
    {
        using var checksum = new ArchiveChecksum();
        foreach (var point in points)
        {
            checksum.Add(point);
        }

        return checksum.Finish();
    }

    public void Dispose() => _hash.Dispose();

    /// <summary>Length first, so ("ab", "c") and ("a", "bc") differ.</summary>
    private void AddText(string text)
    {
        AddNumber(text.Length);
        _hash.AppendData(Encoding.UTF8.GetBytes(text));
    }

    private void AddNumber(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_number, value);
        _hash.AppendData(_number);
    }
}
