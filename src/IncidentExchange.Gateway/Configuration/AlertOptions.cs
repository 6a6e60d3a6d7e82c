namespace IncidentExchange.Gateway.Configuration;

/// <summary>Early warning for the notices this node publishes. Section <c>Incx:Alerts</c>.</summary>
public sealed class AlertOptions
{
    /// <summary>
    /// A critical notice should be acknowledged by every recipient within this time after publishing. A recipient
    /// that has not is flagged overdue in the delivery status, counted, and re-alerted once.
    /// </summary>
    public TimeSpan AcknowledgeDeadline { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest accepted <see cref="AcknowledgeDeadline"/>.</summary>
    public static readonly TimeSpan MaxAcknowledgeDeadline = TimeSpan.FromDays(7);
}
