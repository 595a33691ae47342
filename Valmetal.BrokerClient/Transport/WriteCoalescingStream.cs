using System.Buffers;

namespace Valmetal.BrokerClient.Transport;

/// <summary>
/// Lets MQTT packets share TLS records and system calls. MQTTnet writes every packet on its own (a PUBACK is
/// 4 bytes), and a TLS stream turns each write into one record and one <c>send</c>. Mosquitto reads one packet per
/// connection per turn of its event loop unless the record it just decrypted holds more, so a telemetry replica's
/// acknowledgements, one record each, queued behind the devices' publishes (docs/benchmarks.md, "Broker backlog").
/// Here a write only queues its bytes; one sender at a time hands everything queued so far to the stream below
/// as a single write, so a burst of packets leaves as a few records. Nothing waits for a timer: while one write is
/// on its way, the next burst gathers.
/// </summary>
/// <remarks>
/// A write that returned is not yet on the wire. For MQTT that changes nothing: a packet is settled only by the
/// peer's answer, and a connection that fails before sending a PUBACK gets its message redelivered.
/// The queue holds at most <c>capacity</c> bytes (or one larger write); writers beyond that wait for room.
/// </remarks>
public sealed class WriteCoalescingStream(Stream inner, int capacity) : Stream
{
    /// <summary>How long disposing waits for queued bytes (an MQTT DISCONNECT, say) to leave.</summary>
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(2);

    /// <summary>
    /// What each of the two buffers starts with. A device sends a few packets of a few hundred bytes at a time, and the
    /// load generator holds 10,000 such connections: buffers of the full capacity from the start were 128 KiB per
    /// connection, half of the generator's heap (docs/benchmarks.md). A busy connection grows them once, to what its
    /// bursts need.
    /// </summary>
    public const int InitialBufferBytes = 1024;

    private readonly Lock _gate = new();
    private ArrayBufferWriter<byte> _queued = new(Math.Min(capacity, InitialBufferBytes));
    private ArrayBufferWriter<byte> _sending = new(Math.Min(capacity, InitialBufferBytes));
    private Task _sender = Task.CompletedTask;
    private bool _senderRunning;
    private TaskCompletionSource _taken = NewSignal();
    private Exception? _failure;
    private bool _disposed;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                ThrowIfUnusable();
                if (_queued.WrittenCount == 0 || _queued.WrittenCount + buffer.Length <= capacity)
                {
                    _queued.Write(buffer.Span);
                    if (!_senderRunning)
                    {
                        _senderRunning = true;
                        // Not inline: the caller returns at once and keeps queuing while the sender writes.
                        _sender = Task.Run(SendQueuedAsync, CancellationToken.None);
                    }
                    return;
                }

                room = _taken.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Completes once the queue has drained into the stream below (under steady writing, that may take a while).</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        Task sender;
        lock (_gate)
        {
            ThrowIfUnusable();
            sender = _sender;
        }

        await sender.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ThrowIfUnusable();
        }
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Task sender;
            lock (_gate)
            {
                sender = _sender;
            }

            // A clean disconnect must reach the broker, or it publishes the device's will message.
            sender.Wait(DrainOnDispose);
            lock (_gate)
            {
                _disposed = true;
                _taken.TrySetResult();
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            TaskCompletionSource taken;
            lock (_gate)
            {
                if (_queued.WrittenCount == 0 || _failure is not null || _disposed)
                {
                    _senderRunning = false;
                    return;
                }

                (_queued, _sending) = (_sending, _queued);
                taken = _taken;
                _taken = NewSignal();
            }

            taken.TrySetResult();
            try
            {
                await inner.WriteAsync(_sending.WrittenMemory).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Kept, not swallowed: every later write and flush throws it.
                Fail(ex);
                return;
            }

            _sending.ResetWrittenCount();
        }
    }

    /// <summary>A failed write leaves the stream unusable; closing the stream below makes the reader see it too.</summary>
    private void Fail(Exception failure)
    {
        lock (_gate)
        {
            _failure = failure;
            _senderRunning = false;
            _taken.TrySetResult();
        }

        inner.Dispose();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_failure is not null)
        {
            throw new IOException("An earlier write to the connection failed.", _failure);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
