using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Inbound;

/// <summary>Outcome of inspecting one inbound AMQP body: an accepted notice, or a reason to quarantine it.</summary>
public sealed record InspectionResult
{
    private InspectionResult(Envelope? envelope, IncidentNotice? notice, ContactRecord? record, RejectionReason? reason, string? detail, Receipt? receipt = null, CommunicationCheck? check = null, ResendRequest? resendRequest = null, ResendReply? resendReply = null)
    {
        ResendRequest = resendRequest;
        ResendReply = resendReply;
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

    /// <summary>The verified re-send request, when an accepted request addressed to this node.</summary>
    public ResendRequest? ResendRequest { get; }

    /// <summary>The verified re-send reply, when an accepted reply for this node.</summary>
    public ResendReply? ResendReply { get; }

    /// <summary>True if the body is a verified, valid notice, record, receipt, check or re-send message.</summary>
    public bool Accepted => Reason is null;

    internal static InspectionResult Accept(Envelope envelope, IncidentNotice notice) => new(envelope, notice, null, null, null);

    internal static InspectionResult AcceptRecord(Envelope envelope, ContactRecord record) => new(envelope, null, record, null, null);

    internal static InspectionResult AcceptReceipt(Envelope envelope, Receipt receipt) => new(envelope, null, null, null, null, receipt);

    internal static InspectionResult AcceptCheck(Envelope envelope, CommunicationCheck check) => new(envelope, null, null, null, null, null, check);

    internal static InspectionResult AcceptResend(Envelope envelope, ResendRequest request) => new(envelope, null, null, null, null, resendRequest: request);

    internal static InspectionResult AcceptResend(Envelope envelope, ResendReply reply) => new(envelope, null, null, null, null, resendReply: reply);

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
