using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// Signs this node's receipts for the origin of a notice or of a communication check (routing key
/// <c>receipt.&lt;origin&gt;</c>): DELIVERED once it is verified and stored here, ACKNOWLEDGED when a contact point
/// acknowledged it; the <see cref="ReceiptOutbox"/> sends them, so they never hold up the notices themselves.
/// </summary>
public sealed class ReceiptSender(NodeIdentity identity, OwnKeys keys, ReceiptOutbox outbox, HistoryRecorder history, TimeProvider time)
{
    /// <summary>Tells the origin that <paramref name="notice"/> was verified and stored here.</summary>
    public Task DeliveredAsync(IncidentNotice notice, CancellationToken cancellationToken) =>
        SendAsync(About(notice), ReceiptKind.Delivered, "", cancellationToken);

    /// <summary>Tells the origin that the check was verified and put before this node's contact points.</summary>
    public Task DeliveredAsync(CommunicationCheck check, CancellationToken cancellationToken) =>
        SendAsync(About(check), ReceiptKind.Delivered, "", cancellationToken);

    /// <summary>Tells the origin of the alert's notice or check that <paramref name="by"/> acknowledged it.</summary>
    public Task AcknowledgedAsync(Alert alert, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return SendAsync(alert.Check is { } check ? About(check) : About(alert.Notice), ReceiptKind.Acknowledged, by, cancellationToken);
    }

    private static Receipt About(IncidentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new Receipt { NoticeId = notice.NoticeId, NoticeOrigin = notice.Origin, NoticeSequence = notice.Sequence, NoticeRevision = notice.Revision };
    }

    private static Receipt About(CommunicationCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new Receipt { CheckId = check.CheckId, NoticeOrigin = check.Origin };
    }

    private async Task SendAsync(Receipt receipt, ReceiptKind kind, string by, CancellationToken cancellationToken)
    {
        if (receipt.NoticeOrigin == identity.NodeId)
        {
            // This node's own notice: it is not one of its recipients, there is nothing to report to itself.
            return;
        }

        receipt.Kind = kind;
        receipt.Recipient = identity.NodeId;
        receipt.AcknowledgedBy = by;
        receipt.At = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        var body = keys.Current.Seal(receipt).ToByteArray();
        var message = new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.ReceiptTo(receipt.NoticeOrigin), body, MessageIds.For(receipt), PayloadHeaders.Receipt);
        await outbox.EnqueueAsync(message, history.SentEntry(body, PayloadTypes.Receipt, message.MessageId), cancellationToken);
    }
}
