namespace IncidentExchange.Gateway.Configuration;

/// <summary>Durable subscriptions of crisis contact points. Section <c>Incx:Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>A subscription no client used for this long is deleted by the broker, with what was pending in it.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most alerts pending in one subscription; beyond that the oldest are dropped (and the drop is logged by the broker).</summary>
    public int MaxPending { get; set; } = 100_000;
}
