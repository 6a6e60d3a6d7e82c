using System.Globalization;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Makes the history stream's copy of an envelope: the exact signed bytes, whether this node sent or received it, who
/// signed it and when it was stored. Callers hand the copy on in one of these ways: the notices this node publishes
/// and the envelopes its inbox accepts go through <see cref="HistoryOutbox"/> (journaled in <see cref="HistoryJournal"/>
/// first, published in background batches); a receipt's copy is queued with it in the receipt outbox and sent after it;
/// the node's own records and its re-send requests and replies are published in the same confirmed publish as the
/// message; a communication check's copy is published once the check's copies are confirmed. A retried publish, or a
/// journal sent again after a crash, can store a copy twice; replay drops such repeats (<see cref="HistoryReader"/>).
/// </summary>
public sealed class HistoryRecorder(NodeIdentity identity, TimeProvider time)
{
    /// <summary>Value of the direction header for an envelope this node signed and published.</summary>
    public const string Sent = "sent";

    /// <summary>Value of the direction header for an envelope this node accepted from a peer.</summary>
    public const string Received = "received";

    /// <summary>The history copy of an envelope this node signed.</summary>
    public OutgoingMessage SentEntry(ReadOnlyMemory<byte> envelope, string payloadType, string messageId) =>
        Entry(envelope, Sent, identity.NodeId, payloadType, messageId);

    /// <summary>The history copy of an envelope <paramref name="signer"/> signed and this node accepted.</summary>
    public OutgoingMessage ReceivedEntry(ReadOnlyMemory<byte> envelope, string signer, string payloadType, string messageId) =>
        Entry(envelope, Received, signer, payloadType, messageId);

    // Not mandatory: if the stream is missing (deleted, or the broker cannot keep streams), alerts and receipts still
    // flow; the gateway reports the missing history at start. Losing the audit copy beats stopping early warning.
    private OutgoingMessage Entry(ReadOnlyMemory<byte> envelope, string direction, string signer, string payloadType, string messageId) =>
        new("", NodeQueues.History(identity.NodeId), envelope, messageId, new Dictionary<string, string>
        {
            [HistoryLog.DirectionHeader] = direction,
            [HistoryLog.SignerHeader] = signer,
            [HistoryLog.StoredAtHeader] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [WireProtocol.PayloadTypeHeader] = payloadType,
        }, Mandatory: false);
}
