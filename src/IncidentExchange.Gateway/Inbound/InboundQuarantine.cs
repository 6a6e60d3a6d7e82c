using System.Diagnostics;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// What happens to an inbox message this node refuses, at the inspector or later (a record the directory refuses):
/// logged, marked on the trace, copied unchanged to the quarantine queue, counted.
/// </summary>
public sealed class InboundQuarantine(QuarantineWriter writer, GatewayMetrics metrics, ILogger<InboundQuarantine> logger)
{
    /// <summary>Returns once the broker confirmed the quarantined copy.</summary>
    public async Task QuarantineAsync(InboundMessage message, RejectionReason reason, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        logger.LogWarning("Quarantined message {MessageId} from routing key {RoutingKey}: {Detail}", message.MessageId, message.RoutingKey, detail);
        Activity.Current?.SetTag("incx.outcome", "quarantined").SetTag("incx.reason", reason.Slug()).SetStatus(ActivityStatusCode.Error, detail);
        // If this throws (broker gone), the message is not acked and comes back: nothing is lost.
        await writer.QuarantineAsync(message.Body, message.RoutingKey, message.MessageId, reason, detail, cancellationToken);
        metrics.Quarantined(reason);
    }
}
