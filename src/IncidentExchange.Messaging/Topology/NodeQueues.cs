using IncidentExchange.Core.Wire;

namespace IncidentExchange.Messaging.Topology;

/// <summary>Names of the queues a node owns on its own broker (protos/README.md, "Queues").</summary>
public static class NodeQueues
{
    /// <summary>Where verified-or-not inbound envelopes for this node land, bound to its routing keys.</summary>
    public static string Inbox(string nodeId) => $"incx.{NodeIds.Require(nodeId)}.inbox";

    /// <summary>Where inbound envelopes that failed inspection are kept, with the reason in headers.</summary>
    public static string Quarantine(string nodeId) => $"incx.{NodeIds.Require(nodeId)}.quarantine";

    /// <summary>The node's history: a stream queue of every envelope it sent or accepted, as signed bytes.</summary>
    public static string History(string nodeId) => $"incx.{NodeIds.Require(nodeId)}.history";

    /// <summary>Name prefix of the node's durable subscription queues.</summary>
    public static string SubscriptionPrefix(string nodeId) => $"incx.{NodeIds.Require(nodeId)}.sub.";

    /// <summary>The queue of durable subscription <paramref name="name"/>.</summary>
    public static string Subscription(string nodeId, string name) => SubscriptionPrefix(nodeId) + NodeIds.Require(name);
}
