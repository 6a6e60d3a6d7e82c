using IncidentExchange.Core.Failures;

namespace IncidentExchange.Messaging;

/// <summary>
/// The broker returned a mandatory message: no queue or federation link is bound for its routing key. Sending it
/// again changes nothing until a link to that node exists, hence FAILED_PRECONDITION.
/// </summary>
public sealed class UnroutableException(string routingKey)
    : IncxException(FailureKind.FailedPrecondition, $"No queue or federation link on this node's broker is bound for routing key '{routingKey}', so nobody would receive it.")
{
    /// <summary>The routing key nothing was bound for.</summary>
    public string RoutingKey { get; } = routingKey;
}
