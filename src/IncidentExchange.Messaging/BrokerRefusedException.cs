using IncidentExchange.Core.Failures;

namespace IncidentExchange.Messaging;

/// <summary>
/// The broker answered a publish with basic.nack: a queue the message routes to refused it. With the
/// product's own topology that is a peer's link queue at its bound (a peer unreachable for long).
/// Not retried: trying again at once would only send more copies to the nodes that did get it.
/// </summary>
public sealed class BrokerRefusedException(string routingKey)
    : IncxException(FailureKind.ResourceExhausted, $"The broker refused the message on routing key '{routingKey}': a queue it routes to is full, most likely the link queue of a peer that has been unreachable for long (Incx:Broker:FederationMaxQueued). Nodes whose links are up may already have it; publishing the same notice again later is safe.")
{
    /// <summary>The routing key of the refused message.</summary>
    public string RoutingKey { get; } = routingKey;
}
