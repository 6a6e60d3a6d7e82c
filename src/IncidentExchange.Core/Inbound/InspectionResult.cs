using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Inbound;

/// <summary>Outcome of inspecting one inbound AMQP body: an accepted notice, or a reason to quarantine it.</summary>
public sealed record InspectionResult
{
    private InspectionResult(Envelope? envelope, IncidentNotice? notice, ContactRecord? record, RejectionReason? reason, string? detail, Receipt? receipt = null, CommunicationCheck? check = null)
    {
        Envelope = envelope;
        Notice = notice;
        Record = record;
        Receipt = receipt;
        Check = check;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The parsed envelope, when the body parsed.</summary>
    public Envelope? Envelope { get; }

    /// <summary>The verified notice, when an accepted notice.</summary>
    public IncidentNotice? Notice { get; }

    /// <summary>The verified contact record, when an accepted record (its version is for the directory to judge).</summary>
    public ContactRecord? Record { get; }

    /// <summary>Why the body was rejected, when it was.</summary>
    public RejectionReason? Reason { get; }

    /// <summary>One sentence that explains the rejection.</summary>
    public string? Detail { get; }

    /// <summary>The verified receipt, when an accepted receipt for this node's notices.</summary>
    public Receipt? Receipt { get; }

    /// <summary>The verified communication check, when an accepted check addressed to this node.</summary>
    public CommunicationCheck? Check { get; }

    /// <summary>True if the body is a verified, valid notice, record, receipt or check.</summary>
    public bool Accepted => Reason is null;

    internal static InspectionResult Accept(Envelope envelope, IncidentNotice notice) => new(envelope, notice, null, null, null);

    internal static InspectionResult AcceptRecord(Envelope envelope, ContactRecord record) => new(envelope, null, record, null, null);

    internal static InspectionResult AcceptReceipt(Envelope envelope, Receipt receipt) => new(envelope, null, null, null, null, receipt);

    internal static InspectionResult AcceptCheck(Envelope envelope, CommunicationCheck check) => new(envelope, null, null, null, null, null, check);

    internal static InspectionResult Reject(RejectionReason reason, string detail, Envelope? envelope = null) => new(envelope, null, null, reason, Printable(detail));

    /// <summary>Most characters of a rejection detail; it goes into logs and AMQP headers.</summary>
    public const int MaxDetailChars = 1_000;

    // Details quote values from unauthenticated peers: no control characters (log injection), bounded length.
    private static string Printable(string detail)
    {
        var clean = new string(detail.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length <= MaxDetailChars ? clean : clean[..(MaxDetailChars - 3)] + "...";
    }
}
