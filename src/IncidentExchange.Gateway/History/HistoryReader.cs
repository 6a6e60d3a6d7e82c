using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging.Federation;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Reads the node's history stream for a replay. A stream never ends, so the reader first appends an end marker
/// of its own and stops when it reads it back: everything stored before the call, nothing after. Memory stays flat
/// however long the history: the broker sends at most <see cref="Prefetch"/> entries ahead, and the next ones are
/// asked for only as the caller takes them.
/// </summary>
public sealed class HistoryReader(NodeIdentity identity, BrokerConnection connection, ConfirmingPublisher publisher, ManagementApi api)
{
    /// <summary>Entries the broker may send ahead of the caller.</summary>
    public const int Prefetch = 256;

    private string Queue => NodeQueues.History(identity.NodeId);

    /// <summary>Entries in the history now, as the management API reports it (a few seconds late), or null if it cannot say.</summary>
    public async Task<long?> SizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await api.ListQueuesAsync(Queue, cancellationToken)).FirstOrDefault(q => q.Name == Queue)?.Messages;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The entries <paramref name="filter"/> lets through, oldest first, each verified again.</summary>
    public async IAsyncEnumerable<ReplayItem> ReadAsync(ReplayRequest request, ReplayFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filter);
        var marker = Guid.NewGuid().ToString("N");
        await publisher.PublishAsync([new OutgoingMessage("", Queue, ReadOnlyMemory<byte>.Empty, $"replay-marker/{marker}", new Dictionary<string, string> { [HistoryLog.MarkerHeader] = marker })], cancellationToken);

        await using var channel = await connection.CreateAdminChannelAsync(cancellationToken);
        var entries = Channel.CreateBounded<StoredEntry>(Prefetch);
        await StartConsumingAsync(channel, entries, StartAt(request), cancellationToken);
        var read = 0;
        await foreach (var entry in entries.Reader.ReadAllAsync(cancellationToken))
        {
            // Streams take no nack: acknowledging only grants the broker credit for the next entries.
            if (++read % 64 == 0 || entry.Marker is not null)
            {
                await channel.BasicAckAsync(entry.DeliveryTag, multiple: true, cancellationToken);
            }

            if (entry.Marker == marker || filter.IsPastWindow(entry.StoredAt))
            {
                yield break;
            }

            // Other replays' markers are not envelopes.
            if (entry.Marker is not null || !filter.MayMatch(entry.StoredAt, entry.PayloadType))
            {
                continue;
            }

            var item = ReplayItems.From(entry, identity.HistoryInspector);
            if (filter.Matches(item))
            {
                yield return item;
            }
        }
    }

    private async Task StartConsumingAsync(IChannel channel, Channel<StoredEntry> entries, object startAt, CancellationToken cancellationToken)
    {
        await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        // Waiting here while the caller is busy is the back-pressure: the broker sends no more than the prefetch.
        consumer.ReceivedAsync += async (_, delivery) =>
            await entries.Writer.WriteAsync(StoredEntry.From(delivery.DeliveryTag, delivery.Body, delivery.BasicProperties), cancellationToken);
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            entries.Writer.TryComplete(new IOException($"The broker closed the history stream while replaying ({reason.ReplyText})."));
            return Task.CompletedTask;
        };
        var arguments = new Dictionary<string, object?> { ["x-stream-offset"] = startAt };
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: false, arguments, consumer, cancellationToken);
    }

    // Where the broker starts: an offset, the first chunk holding entries from a time on, or the first entry kept.
    private static object StartAt(ReplayRequest request) =>
        request.HasFromOffset ? request.FromOffset
        : request.Since is { } since ? new AmqpTimestamp(since.Seconds)
        : "first";
}
