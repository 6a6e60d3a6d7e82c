namespace IncidentExchange.Messaging;

/// <summary>The broker returned a mandatory message: no queue or federation link is bound for its routing key.</summary>
public sealed class UnroutableException(string routingKey)
    : Exception($"No queue or federation link on this node's broker is bound for routing key '{routingKey}', so nobody would receive it.")
{
    /// <summary>The routing key nothing was bound for.</summary>
    public string RoutingKey { get; } = routingKey;
}
