using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Core.Contacts;

/// <summary>What the directory did with an offered record.</summary>
public enum RecordOutcome
{
    /// <summary>The record is the node's new current record.</summary>
    Accepted,

    /// <summary>This exact record (same signed bytes) is already held: nothing changed, nothing to report.</summary>
    Duplicate,

    /// <summary>Refused; <see cref="RecordDecision.Reason"/> says why. Nothing changed.</summary>
    Refused,
}

/// <summary>The directory's answer to one offered record.</summary>
/// <param name="Outcome">Accepted, duplicate or refused.</param>
/// <param name="Reason">Why it was refused (stale-record, record-conflict, key-revoked, ...).</param>
/// <param name="Detail">One sentence for logs and quarantine headers.</param>
public sealed record RecordDecision(RecordOutcome Outcome, RejectionReason? Reason = null, string? Detail = null)
{
    internal static readonly RecordDecision Accepted = new(RecordOutcome.Accepted);

    internal static readonly RecordDecision Duplicate = new(RecordOutcome.Duplicate);

    internal static RecordDecision Refuse(RejectionReason reason, string detail) => new(RecordOutcome.Refused, reason, detail);
}
