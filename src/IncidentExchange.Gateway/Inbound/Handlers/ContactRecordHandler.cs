using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;

namespace IncidentExchange.Gateway.Inbound.Handlers;

/// <summary>
/// An accepted contact record (§12.4): offered to the directory, which may still refuse it (a replay, a conflict); a new
/// version of a peer's record is copied to the history.
/// </summary>
public sealed class ContactRecordHandler(NodeIdentity identity, ContactBook contacts, InboundQuarantine quarantine, InboundHistory history) : PayloadHandler<ContactRecord>
{
    /// <inheritdoc />
    public override async Task HandleAsync(InboundMessage message, Envelope envelope, ContactRecord payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(payload);
        var decision = contacts.Receive(envelope, payload, message.Announcement == WireProtocol.AnnouncementHello);
        if (decision.Outcome == RecordOutcome.Refused)
        {
            await quarantine.QuarantineAsync(message, decision.Reason!.Value, decision.Detail!, cancellationToken);
        }
        else if (decision.Outcome == RecordOutcome.Accepted && payload.NodeId != identity.NodeId)
        {
            // A new version of a peer's record (re-announcements of held versions are duplicates, not history).
            await history.RecordAsync(message, envelope, cancellationToken);
        }
    }
}
