using System.Globalization;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Topology;

namespace IncidentExchange.Gateway.History;

/// <summary>
/// Makes the history stream's copy of an envelope: the exact signed bytes, with whether this node sent or received
/// it and when. Callers publish it in the same confirmed batch as the message it records, so what the history holds
/// and what went out (or was acted on) cannot drift apart.
/// </summary>
public sealed class HistoryRecorder(NodeIdentity identity, TimeProvider time)
{
    /// <summary>Value of the direction header for an envelope this node signed and published.</summary>
    public const string Sent = "sent";

    /// <summary>Value of the direction header for an envelope this node accepted from a peer.</summary>
    public const string Received = "received";

    /// <summary>The history copy of <paramref name="envelope"/> (a serialised, signed Envelope).</summary>
    public OutgoingMessage Entry(ReadOnlyMemory<byte> envelope, string direction, string payloadType, string messageId) =>
        new("", NodeQueues.History(identity.NodeId), envelope, messageId, new Dictionary<string, string>
        {
            [HistoryLog.DirectionHeader] = direction,
            [HistoryLog.StoredAtHeader] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [WireProtocol.PayloadTypeHeader] = payloadType,
        });
}
