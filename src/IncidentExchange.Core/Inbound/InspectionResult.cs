using Google.Protobuf;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Inbound;

/// <summary>
/// Outcome of inspecting one inbound AMQP body: <see cref="Accepted"/> with its verified payload, or
/// <see cref="Rejected"/> with the reason to quarantine it.
/// </summary>
public abstract record InspectionResult
{
    /// <summary>Most characters of a rejection detail; it goes into logs and AMQP headers.</summary>
    public const int MaxDetailChars = 1_000;

    private InspectionResult()
    {
    }

    /// <summary>The parsed envelope; null only when a body was rejected before it parsed as one.</summary>
    public abstract Envelope? Envelope { get; }

    /// <summary>A verified envelope whose payload keeps its rules and is for this node.</summary>
    public sealed record Accepted : InspectionResult
    {
        internal Accepted(Envelope envelope, IMessage payload)
        {
            Envelope = envelope;
            Payload = payload;
        }

        /// <summary>The envelope, as received.</summary>
        public override Envelope Envelope { get; }

        /// <summary>The payload, a message of the type <c>Envelope.PayloadType</c> names (an <see cref="IncidentNotice"/>, a <see cref="ContactRecord"/>, ...).</summary>
        public IMessage Payload { get; }
    }

    /// <summary>A body that failed one of the receive-side checks.</summary>
    public sealed record Rejected : InspectionResult
    {
        internal Rejected(RejectionReason reason, string detail, Envelope? envelope)
        {
            Reason = reason;
            Detail = Printable(detail);
            Envelope = envelope;
        }

        /// <summary>Why it was rejected: the first check it failed.</summary>
        public RejectionReason Reason { get; }

        /// <summary>One sentence that explains the rejection (printable, at most <see cref="MaxDetailChars"/> characters).</summary>
        public string Detail { get; }

        /// <inheritdoc />
        public override Envelope? Envelope { get; }

        // Details quote values from unauthenticated peers: no control characters (log injection), bounded length.
        private static string Printable(string detail)
        {
            var clean = new string(detail.Select(c => char.IsControl(c) ? '?' : c).ToArray());
            return clean.Length <= MaxDetailChars ? clean : clean[..(MaxDetailChars - 3)] + "...";
        }
    }
}
