using System.Buffers;
using System.Text.Unicode;

namespace Valmetal.Telemetry.Validation;

public static class Utf8Payload
{
    /// <summary>
    /// The JSON reader does not check the bytes inside strings until they are read, and then throws;
    /// checking the whole payload first turns bad bytes into a rejection instead of an exception.
    /// </summary>
    public static bool IsValid(ReadOnlySequence<byte> payload) =>
        Utf8.IsValid(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray());
}
