using System.Buffers.Binary;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace Valmetal.Web.KeyRing;

/// <summary>
/// Reads the key ring again when a payload names a key this task does not hold: another task created it after this
/// one last read the ring (tasks starting together on an empty ring each create one). .NET does that only in a task's
/// first two minutes (dotnet/aspnetcore#3975); without it a browser signed in on one task is sent to the sign-in page
/// by another until the next periodic read. At most one read per <see cref="MinimumInterval"/>, so cookies naming
/// made-up keys cannot turn requests into S3 reads.
/// </summary>
internal sealed partial class UnknownKeyRereads(IKeyRingProvider ring, RefreshingKeyManager keys, TimeProvider time, ILogger<UnknownKeyRereads> logger)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);

    // The Data Protection payload header: a magic number, then the id of the key that protected it.
    private const uint MagicHeader = 0x09F0C9F0;
    private const int KeyIdOffset = sizeof(uint);
    private const int KeyIdLength = 16;

    private readonly Lock _gate = new();
    private long? _lastRead;

    /// <summary>True when the payload's key was unknown and the ring, read again now, holds it.</summary>
    public bool TryLearnKey(byte[] payload)
    {
        if (payload.Length < KeyIdOffset + KeyIdLength || BinaryPrimitives.ReadUInt32BigEndian(payload) != MagicHeader)
        {
            return false;
        }

        var keyId = new Guid(payload.AsSpan(KeyIdOffset, KeyIdLength));
        if (ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(keyId, out var revoked) is not null || revoked || !MayRead())
        {
            return false;
        }

        keys.Expire();
        var known = ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(keyId, out _) is not null;
        LogReread(keyId, known ? "there" : "still missing");
        return known;
    }

    private bool MayRead()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (_lastRead is { } last && time.GetElapsedTime(last, now) < MinimumInterval)
            {
                return false;
            }

            _lastRead = now;
            return true;
        }
    }

    [LoggerMessage(LogLevel.Information, "Key {KeyId} was not in this task's key ring; read again, it is {Outcome}")]
    private partial void LogReread(Guid keyId, string outcome);
}
