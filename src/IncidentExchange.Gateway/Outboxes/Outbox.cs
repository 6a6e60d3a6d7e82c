using System.Threading.Channels;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Outboxes;

/// <summary>
/// Publishes messages in the background, many per round trip: the inbox handles one message at a time, and waiting
/// there for a confirm of each receipt or history copy would make them, not the notices, set the pace. Bounded: when
/// the broker falls behind, callers wait (back-pressure) rather than memory growing. Each item is a group published
/// together; if a batch fails, each group is sent on its own, its first message before the rest (so a history copy
/// follows only what really went out). Groups that still fail are logged and dropped, unless the subclass keeps them
/// (<see cref="KeepUntilSent"/>): then a batch the broker cannot take now is sent again until it can.
/// </summary>
public abstract class Outbox(ConfirmingPublisher publisher, ILogger logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int MaxBatch = 500;
    // A batch the broker must confirm within Incx:Broker:ConfirmTimeout: bounded in bytes as well as in groups.
    private const long MaxBatchBytes = 4 * 1024 * 1024;
    private readonly Channel<OutgoingMessage[]> _queue = Channel.CreateBounded<OutgoingMessage[]>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <summary>Queues a group; waits only while <see cref="Capacity"/> groups are already waiting.</summary>
    protected ValueTask EnqueueAsync(OutgoingMessage[] group, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(group, cancellationToken);

    /// <summary>Most groups sent in one batch.</summary>
    protected const int MaxBatchSize = MaxBatch;

    /// <summary>Queues a group if there is room now; false if <see cref="Capacity"/> groups are waiting.</summary>
    protected bool TryEnqueue(OutgoingMessage[] group) => _queue.Writer.TryWrite(group);

    /// <summary>Waits until a group could be queued.</summary>
    protected ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken) => _queue.Writer.WaitToWriteAsync(cancellationToken);

    /// <summary>True while fewer than <see cref="Capacity"/> groups wait (a writer that is the only one can then queue one).</summary>
    protected bool HasRoom => _queue.Reader.Count < Capacity;

    /// <summary>
    /// True to keep a batch the broker could not take (it is away) and send it again until it does, instead of
    /// dropping it. Groups are then always handed to <see cref="Sent"/> in the order they were queued.
    /// </summary>
    protected virtual bool KeepUntilSent => false;

    /// <summary>Called after the broker confirmed (or, for a group it refused, finally declined) the groups of a batch, in queue order.</summary>
    protected virtual void Sent(int groups)
    {
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutgoingMessage[]>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                long bytes = 0;
                while (batch.Count < MaxBatch && bytes < MaxBatchBytes && _queue.Reader.TryRead(out var group))
                {
                    batch.Add(group);
                    bytes += group.Sum(m => (long)m.Body.Length);
                }

                await SendAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The batch the stop interrupted goes first: it was not confirmed (a subclass counting Sent relies on the order).
            await DrainAsync(batch);
        }
    }

    // A graceful stop sends what is queued (bounded in time); only a crash loses it, as each subclass documents.
    private async Task DrainAsync(List<OutgoingMessage[]> interrupted)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var rest = new List<OutgoingMessage[]>(interrupted);
        while (_queue.Reader.TryRead(out var group))
        {
            rest.Add(group);
        }

        try
        {
            for (var i = 0; i < rest.Count; i += MaxBatch)
            {
                await SendAsync(rest.GetRange(i, Math.Min(MaxBatch, rest.Count - i)), limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped with {Count} queued messages not sent (the broker did not confirm them within 5 s).", rest.Count);
        }
    }

    /// <summary>Sends groups now, outside the queue, as one batch of the background loop would be sent (then <see cref="Sent"/>).</summary>
    protected Task SendNowAsync(List<OutgoingMessage[]> batch, CancellationToken stoppingToken) => SendAsync(batch, stoppingToken);

    private async Task SendAsync(List<OutgoingMessage[]> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await publisher.PublishAsync(batch.SelectMany(group => group).ToArray(), stoppingToken);
                Sent(batch.Count);
                return;
            }
            catch (BrokerUnavailableException ex) when (KeepUntilSent)
            {
                // Kept, in order: the broker is away (restarting, a stream not back yet); send it again shortly.
                if (attempt == 1)
                {
                    logger.LogWarning("The broker did not take {Count} queued messages ({Reason}); retrying until it does.", batch.Count, ex.Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stoppingToken);
            }
            catch (Exception ex) when (ex is UnroutableException or BrokerRefusedException or BrokerUnavailableException)
            {
                break;
            }
        }

        // One unroutable message (an origin without a link to this node) fails the batch: send the groups one by one.
        foreach (var group in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await publisher.PublishAsync([group[0]], stoppingToken);
                    if (group.Length > 1)
                    {
                        await publisher.PublishAsync(group[1..], stoppingToken);
                    }

                    break;
                }
                catch (BrokerUnavailableException) when (KeepUntilSent)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stoppingToken);
                }
                catch (Exception single) when (single is UnroutableException or BrokerRefusedException or BrokerUnavailableException)
                {
                    logger.LogWarning("Could not send {MessageId} ({RoutingKey}): {Reason}", group[0].MessageId, group[0].RoutingKey, single.Message);
                    break;
                }
            }
        }

        Sent(batch.Count);
    }
}
