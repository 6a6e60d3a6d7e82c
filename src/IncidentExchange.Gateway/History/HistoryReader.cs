using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Inbound;
using IncidentExchange.Messaging.Federation;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Reads the node's history stream for a replay. A stream never ends, so the reader first appends an end marker
/// of its own and stops when it reads it back: everything stored before the call, nothing after. Memory stays flat
/// however long the history: the broker sends at most <see cref="Prefetch"/> entries beyond those taken for
/// verification, and at most three batches are held past that (one being sent, one ready, one being verified).
/// Entries are verified in parallel, a batch at a time (the next batch while the caller sends this one), and returned
/// in order.
/// </summary>
public sealed class HistoryReader(NodeIdentity identity, BrokerConnection connection, ConfirmingPublisher publisher, ManagementApi api, PayloadTable payloads)
{
    /// <summary>Entries the broker may send ahead of the caller.</summary>
    public const int Prefetch = 256;

    // Entries verified together, in parallel; acknowledged (credit for the next ones) once taken.
    private const int VerifyBatch = 128;

    // Verified batches that may wait for the caller while it sends one and the next is being verified.
    private const int VerifiedAhead = 1;

    // A start past the end (an offset beyond it) never reaches the marker: this long without an entry ends the replay.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    // A batch retried after a lost confirm can store a copy twice, close together: the last this many are remembered.
    private const int RepeatWindow = 10_000;

    private string Queue => NodeQueues.History(identity.NodeId);

    /// <summary>Entries in the history now, as the management API reports it (a few seconds late), or null if it cannot say quickly.</summary>
    public async Task<long?> SizeAsync(CancellationToken cancellationToken)
    {
        using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quick.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return (await api.ListQueuesAsync(Queue, quick.Token)).FirstOrDefault(q => q.Name == Queue)?.Messages;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            // Only a progress estimate: a slow or absent management API must not fail the replay.
            return null;
        }
    }

    /// <summary>The entries <paramref name="request"/> asks for (a request this node made itself, known to be valid).</summary>
    public IAsyncEnumerable<ReplayItem> ReadAsync(ReplayRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, ReplayFilter.From(request), cancellationToken);

    /// <summary>The entries <paramref name="filter"/> lets through, oldest first, each verified again, repeats dropped.</summary>
    public async IAsyncEnumerable<ReplayItem> ReadAsync(ReplayRequest request, ReplayFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        var marker = Guid.NewGuid().ToString("N");
        await publisher.PublishAsync([new OutgoingMessage("", Queue, ReadOnlyMemory<byte>.Empty, $"replay-marker/{marker}", new Dictionary<string, string> { [HistoryLog.MarkerHeader] = marker })], cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        // Room beyond the prefetch: a stream may deliver a little past it (whole chunks), and the callback must never block forever.
        var entries = Channel.CreateBounded<StoredEntry>(Prefetch * 2);
        // Verified batches waiting for the caller: the next batch is verified while the caller sends this one.
        var verified = Channel.CreateBounded<(ReplayItem[] Items, bool Done)>(VerifiedAhead);
        Task? verifier = null;
        try
        {
            var consumerTag = await StartConsumingAsync(channel, entries, StartAt(request), stop.Token);
            verifier = VerifyInBatchesAsync(entries.Reader, channel, marker, filter, verified.Writer, stop.Token);
            await foreach (var (items, done) in verified.Reader.ReadAllAsync(stop.Token))
            {
                foreach (var item in items.Where(filter.Matches))
                {
                    yield return item;
                }

                if (done)
                {
                    await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
                    yield break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            entries.Writer.TryComplete();
            if (verifier is not null)
            {
                // It never faults: its failure, if any, already reached the caller through the channel.
                await verifier;
            }

            await channel.DisposeAsync();
        }
    }

    // Takes the entries a batch at a time, grants the broker credit for the next ones, verifies the batch in parallel
    // and hands it on in order; ends after the batch that holds the marker (or after Idle without an entry).
    private Task VerifyInBatchesAsync(
        ChannelReader<StoredEntry> entries, IChannel channel, string marker, ReplayFilter filter, ChannelWriter<(ReplayItem[] Items, bool Done)> verified, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                var repeats = new RecentHashes(RepeatWindow);
                var batch = new List<StoredEntry>(VerifyBatch);
                try
                {
                    bool done;
                    do
                    {
                        done = await NextBatchAsync(entries, batch, marker, cancellationToken);
                        if (batch.Count > 0)
                        {
                            // Streams take no nack: acknowledging only grants the broker credit for the next entries.
                            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, cancellationToken);
                        }

                        var wanted = batch.Where(e => e.Marker is null && filter.MayMatch(e.StoredAt, e.PayloadType, e.Signer) && repeats.Add(e.Body)).ToArray();
                        var items = new ReplayItem[wanted.Length];
                        Parallel.For(0, wanted.Length, i => items[i] = ReplayItems.From(wanted[i], identity.HistoryInspector, payloads));
                        await verified.WriteAsync((items, done), cancellationToken);
                    }
                    while (!done);

                    verified.TryComplete();
                }
                catch (Exception ex)
                {
                    // The caller sees the same failure (a closed stream, a stop) where it reads.
                    verified.TryComplete(ex);
                }
            },
            CancellationToken.None);

    // Fills batch with what is there now (at least one entry, waiting up to Idle for it); true once the marker came, or nothing did.
    private static async Task<bool> NextBatchAsync(ChannelReader<StoredEntry> reader, List<StoredEntry> batch, string marker, CancellationToken cancellationToken)
    {
        batch.Clear();
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(Idle);
        try
        {
            if (!await reader.WaitToReadAsync(idle.Token))
            {
                return true;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }

        while (batch.Count < VerifyBatch && reader.TryRead(out var entry))
        {
            if (entry.Marker == marker)
            {
                return true;
            }

            batch.Add(entry);
        }

        return false;
    }

    private async Task<string> StartConsumingAsync(IChannel channel, Channel<StoredEntry> entries, object startAt, CancellationToken cancellationToken)
    {
        await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        // Waiting here while the caller is busy is the back-pressure; the token ends the wait when the replay ends.
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                await entries.Writer.WriteAsync(StoredEntry.From(delivery.DeliveryTag, delivery.Body, delivery.BasicProperties), cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                // The replay is over.
            }
        };
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            entries.Writer.TryComplete(new IOException($"The broker closed the history stream while replaying ({reason.ReplyText})."));
            return Task.CompletedTask;
        };
        var arguments = new Dictionary<string, object?> { ["x-stream-offset"] = startAt };
        return await channel.BasicConsumeAsync(Queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: false, arguments, consumer, cancellationToken);
    }

    // Where the broker starts: an offset, the first chunk holding entries from a time on (a minute early: its clock may
    // differ from the gateway's; the filter drops what is before since), or the first entry kept.
    private static object StartAt(ReplayRequest request) =>
        request.HasFromOffset ? request.FromOffset
        : request.Since is { } since ? new AmqpTimestamp(since.Seconds - (long)ReplayFilter.ClockSlack.TotalSeconds)
        : "first";

    // SHA-256 of the last entries read, oldest forgotten first.
    private sealed class RecentHashes(int capacity)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Add(byte[] body)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(body));
            if (!_seen.Add(hash))
            {
                return false;
            }

            _order.Enqueue(hash);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
