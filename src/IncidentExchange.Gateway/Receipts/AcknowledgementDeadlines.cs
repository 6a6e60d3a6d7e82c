using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// Early warning at the origin: a recipient that has not acknowledged a critical notice within
/// <c>Incx:Alerts:AcknowledgeDeadline</c> is counted as overdue and re-alerted once: the same signed envelope is
/// sent to it again (routing key <c>notice.&lt;recipient&gt;</c>, header <c>incx-announcement: reminder</c>), and its
/// node shows the notice to its contact points once more. The status shows who is overdue and when each was re-alerted.
/// </summary>
public sealed class AcknowledgementDeadlines(
    DeliveryBook deliveries,
    ConfirmingPublisher publisher,
    GatewayMetrics metrics,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<AcknowledgementDeadlines> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A quarter of the deadline between looks (1 s to 30 s): overdue recipients are found soon after the deadline.
        var deadline = options.Value.Alerts.AcknowledgeDeadline;
        var tick = TimeSpan.FromTicks(Math.Clamp(deadline.Ticks / 4, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RealertOverdueAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the book is on disk, the next start picks up where this left off.
        }
    }

    /// <summary>Re-alerts every recipient whose deadline passed; one that fails on a broker outage is tried on the next look.</summary>
    public async Task RealertOverdueAsync(CancellationToken cancellationToken)
    {
        foreach (var overdue in deliveries.DueForRealert(time.GetUtcNow()))
        {
            var message = new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.NoticeTo(overdue.NodeId), overdue.Envelope,
                $"{overdue.NoticeId}/{overdue.Revision}", PayloadHeaders.NoticeReminder);
            try
            {
                await publisher.PublishAsync([message], cancellationToken);
                logger.LogWarning("Critical notice {NoticeId} revision {Revision}: {Node} did not acknowledge within {Deadline}; re-alerted.", overdue.NoticeId, overdue.Revision, overdue.NodeId, options.Value.Alerts.AcknowledgeDeadline);
                deliveries.Realerted(overdue, time.GetUtcNow());
            }
            catch (UnroutableException ex)
            {
                // No route to that node: re-sending later would not help. It stays overdue in the status, without a re-alert time.
                logger.LogWarning("Critical notice {NoticeId} revision {Revision}: {Node} is overdue and cannot be re-alerted: {Reason}", overdue.NoticeId, overdue.Revision, overdue.NodeId, ex.Message);
                deliveries.RealertFailed(overdue, time.GetUtcNow());
            }
            catch (Exception ex) when (ex is BrokerRefusedException or BrokerUnavailableException)
            {
                logger.LogWarning("Critical notice {NoticeId} revision {Revision}: re-alerting {Node} failed, trying again shortly: {Reason}", overdue.NoticeId, overdue.Revision, overdue.NodeId, ex.Message);
                continue;
            }

            // Counted once per overdue recipient, when it is settled (re-alerted, or found unreachable).
            metrics.AcknowledgementOverdue();
        }
    }
}
