using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// Signs this node's receipts for a notice's origin (routing key <c>receipt.&lt;origin&gt;</c>): DELIVERED once the
/// notice is verified and stored here, ACKNOWLEDGED when a contact point acknowledged it; the
/// <see cref="ReceiptOutbox"/> sends them, so they never hold up the notices themselves.
/// </summary>
public sealed class ReceiptSender(NodeIdentity identity, OwnKeys keys, ReceiptOutbox outbox, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<string, string> Headers =
        new Dictionary<string, string> { [WireProtocol.PayloadTypeHeader] = PayloadTypes.Receipt };

    /// <summary>Tells the origin that <paramref name="notice"/> was verified and stored here.</summary>
    public Task DeliveredAsync(IncidentNotice notice, CancellationToken cancellationToken) =>
        SendAsync(notice, ReceiptKind.Delivered, "", cancellationToken);

    /// <summary>Tells the origin that <paramref name="by"/> acknowledged <paramref name="notice"/>.</summary>
    public Task AcknowledgedAsync(IncidentNotice notice, string by, CancellationToken cancellationToken) =>
        SendAsync(notice, ReceiptKind.Acknowledged, by, cancellationToken);

    private async Task SendAsync(IncidentNotice notice, ReceiptKind kind, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var receipt = new Receipt
        {
            NoticeId = notice.NoticeId,
            NoticeOrigin = notice.Origin,
            NoticeSequence = notice.Sequence,
            NoticeRevision = notice.Revision,
            Kind = kind,
            Recipient = identity.NodeId,
            AcknowledgedBy = by,
            At = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };

        if (notice.Origin == identity.NodeId)
        {
            // This node's own notice: it is not one of its recipients, there is nothing to report to itself.
            return;
        }

        var body = keys.Current.Seal(receipt).ToByteArray();
        var message = new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.ReceiptTo(notice.Origin), body, $"receipt/{notice.NoticeId}/{notice.Revision}/{identity.NodeId}/{kind.ToString().ToLowerInvariant()}", Headers);
        await outbox.EnqueueAsync(message, cancellationToken);
    }
}
