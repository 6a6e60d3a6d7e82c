using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// AMQP priorities of alerts in subscription queues: a critical notice overtakes a backlog of lower ones
/// (early warning). The queues are declared with <see cref="Max"/> levels.
/// </summary>
public static class AlertPriorities
{
    /// <summary>x-max-priority of every subscription queue.</summary>
    public const byte Max = 9;

    /// <summary>The priority of an alert of <paramref name="severity"/>.</summary>
    public static byte For(Severity severity) => severity switch
    {
        Severity.Critical => Max,
        Severity.High => 6,
        Severity.Medium => 3,
        _ => 1,
    };
}
