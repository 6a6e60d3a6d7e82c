using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Wire;

/// <summary>
/// Routing keys name the kind and the destination (<c>notice.all</c>, <c>notice.fr</c>).
/// A node binds only the keys meant for it, so federation carries an addressed message
/// only to the addressed brokers.
/// </summary>
public static class RoutingKeys
{
    /// <summary>Destination word for a broadcast.</summary>
    public const string All = "all";

    /// <summary>Routing key for a notice sent to every node.</summary>
    public const string NoticeBroadcast = "notice." + All;

    /// <summary>Routing key for a notice addressed to one node.</summary>
    public static string NoticeTo(string nodeId) => "notice." + NodeIds.Require(nodeId);

    /// <summary>Routing key of every contact record: records go to every node.</summary>
    public const string ContactBroadcast = "contact." + All;

    /// <summary>Routing key of a receipt for the notices of <paramref name="originNodeId"/>.</summary>
    public static string ReceiptTo(string originNodeId) => "receipt." + NodeIds.Require(originNodeId);

    /// <summary>Routing key of a communication check for the contact points of <paramref name="nodeId"/>.</summary>
    public static string CheckTo(string nodeId) => "check." + NodeIds.Require(nodeId);

    /// <summary>Routing key of a re-send request to, or a re-send reply for, <paramref name="nodeId"/>.</summary>
    public static string ResendTo(string nodeId) => "resend." + NodeIds.Require(nodeId);

    /// <summary>The keys a node binds its inbox with to receive every notice, record, receipt, check and re-send message meant for it.</summary>
    public static IReadOnlyList<string> InboxBindingsFor(string nodeId) => [NoticeBroadcast, NoticeTo(nodeId), ContactBroadcast, ReceiptTo(nodeId), CheckTo(nodeId), ResendTo(nodeId)];

    /// <summary>The routing keys a notice with this audience is published under: one per addressed node, or one broadcast key.</summary>
    public static IReadOnlyList<string> ForAudience(Audience audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return audience.All ? [NoticeBroadcast] : audience.Nodes.Select(NoticeTo).ToArray();
    }
}
