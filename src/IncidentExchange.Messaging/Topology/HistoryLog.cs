using System.Globalization;
using RabbitMQ.Client;

namespace IncidentExchange.Messaging.Topology;

/// <summary>
/// The node's history stream (<c>incx.&lt;node&gt;.history</c>): an append-only RabbitMQ stream queue of every envelope
/// the node sent or accepted, as the original signed bytes, with how and when it was stored in headers. Written
/// through the default exchange; never bound to the federated exchange.
/// </summary>
public static class HistoryLog
{
    /// <summary>Header: <c>sent</c> or <c>received</c>.</summary>
    public const string DirectionHeader = "incx-direction";

    /// <summary>Header: the envelope's signer (lets a replay skip other origins before verifying).</summary>
    public const string SignerHeader = "incx-signer";

    /// <summary>Header: when the node stored it, Unix milliseconds.</summary>
    public const string StoredAtHeader = "incx-stored-at";

    /// <summary>Header on a replay's end marker (value: the replay's id); not an envelope.</summary>
    public const string MarkerHeader = "incx-replay-marker";

    /// <summary>Header the broker puts on each stream delivery: its offset.</summary>
    public const string OffsetHeader = "x-stream-offset";

    /// <summary>Declares the stream with the configured retention. Throws (406) if it exists with other arguments.</summary>
    public static async Task DeclareAsync(IChannel channel, string nodeId, BrokerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = "stream",
            ["x-max-age"] = ((long)options.HistoryMaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
            ["x-max-length-bytes"] = options.HistoryMaxBytes,
        };
        await channel.QueueDeclareAsync(NodeQueues.History(nodeId), durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
    }
}
