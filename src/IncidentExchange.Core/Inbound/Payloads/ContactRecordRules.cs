using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;

namespace IncidentExchange.Core.Inbound.Payloads;

/// <summary>
/// <c>incx.v1.ContactRecord</c> (§12): signed by the node it describes, the rules of §12.3. A record that passes still
/// has to be offered to the <see cref="ContactDirectory"/>, which decides on its version (§12.4).
/// </summary>
public sealed class ContactRecordRules() : PayloadRules<ContactRecord>("contact record", "a contact record of node", RejectionReason.InvalidRecord)
{
    /// <inheritdoc />
    public override PayloadClaims Claims(ContactRecord payload) =>
        new(payload.NodeId, ContactRecordValidator.Validate(payload), payload.IssuedAt);

    /// <inheritdoc />
    // Every record goes to every node; its version is for the directory to judge.
    public override string? NotAddressed(ContactRecord payload, string localNodeId) => null;
}
