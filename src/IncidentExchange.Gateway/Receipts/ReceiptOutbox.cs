using System.Threading.Channels;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// Sends receipts in the background, many per round trip: the inbox handles one message at a time, and
/// waiting there for each receipt's confirm would make the receipts, not the notices, set the pace. Bounded:
/// when the broker falls behind, the inbox waits (back-pressure) rather than memory growing. Receipts that
/// fail are logged and dropped (the origin's status shows them pending); notices are never affected.
/// </summary>
public sealed class ReceiptOutbox(ConfirmingPublisher publisher, ILogger<ReceiptOutbox> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int MaxBatch = 500;
    private readonly Channel<(OutgoingMessage Receipt, OutgoingMessage History)> _queue =
        Channel.CreateBounded<(OutgoingMessage, OutgoingMessage)>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <summary>
    /// Queues a receipt and its history copy (published together, so the history holds exactly the receipts that
    /// went out); waits only while <see cref="Capacity"/> receipts are already waiting.
    /// </summary>
    public ValueTask EnqueueAsync(OutgoingMessage receipt, OutgoingMessage history, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync((receipt, history), cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(OutgoingMessage Receipt, OutgoingMessage History)>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var receipt))
                {
                    batch.Add(receipt);
                }

                await SendAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; receipts still queued are lost, as documented.
        }
    }

    private async Task SendAsync(List<(OutgoingMessage Receipt, OutgoingMessage History)> batch, CancellationToken stoppingToken)
    {
        try
        {
            await publisher.PublishAsync(batch.SelectMany(pair => new[] { pair.Receipt, pair.History }).ToArray(), stoppingToken);
        }
        catch (Exception ex) when (ex is UnroutableException or BrokerRefusedException or BrokerUnavailableException)
        {
            // One unroutable receipt (an origin without a link to this node) fails the batch: send the rest one by one.
            foreach (var (receipt, history) in batch)
            {
                try
                {
                    // The history copy only once the receipt itself went out: it must not record what was not sent.
                    await publisher.PublishAsync([receipt], stoppingToken);
                    await publisher.PublishAsync([history], stoppingToken);
                }
                catch (Exception single) when (single is UnroutableException or BrokerRefusedException or BrokerUnavailableException)
                {
                    logger.LogWarning("Could not send receipt {MessageId} ({RoutingKey}): {Reason}", receipt.MessageId, receipt.RoutingKey, single.Message);
                }
            }
        }
    }
}
