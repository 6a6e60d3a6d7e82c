using System.Globalization;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>Moves a refused inbound message, unchanged, to this node's quarantine queue with the reason in its headers.</summary>
public sealed class QuarantineWriter(NodeIdentity identity, ConfirmingPublisher publisher, TimeProvider time)
{
    /// <summary>Stores <paramref name="body"/> in quarantine; returns once the broker confirmed it.</summary>
    public Task QuarantineAsync(ReadOnlyMemory<byte> body, string? routingKey, string? messageId, RejectionReason reason, string detail, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>
        {
            [QuarantineHeaders.Reason] = reason.Slug(),
            [QuarantineHeaders.Detail] = detail,
            [QuarantineHeaders.OriginalRoutingKey] = routingKey ?? "",
            [QuarantineHeaders.QuarantinedAt] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        // The default exchange routes by queue name, straight to the quarantine queue.
        var message = new OutgoingMessage("", NodeQueues.Quarantine(identity.NodeId), body, messageId ?? Guid.CreateVersion7().ToString("D"), headers);
        return publisher.PublishAsync([message], cancellationToken);
    }
}
