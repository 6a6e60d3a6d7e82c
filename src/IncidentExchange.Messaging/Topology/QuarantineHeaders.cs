namespace IncidentExchange.Messaging.Topology;

/// <summary>AMQP headers a quarantined message carries, so an operator can tell why it was refused.</summary>
public static class QuarantineHeaders
{
    /// <summary>Rejection reason slug, e.g. <c>bad-signature</c>.</summary>
    public const string Reason = "incx-quarantine-reason";

    /// <summary>One sentence explaining the rejection.</summary>
    public const string Detail = "incx-quarantine-detail";

    /// <summary>Routing key the message originally arrived with.</summary>
    public const string OriginalRoutingKey = "incx-original-routing-key";

    /// <summary>Unix time in milliseconds when it was quarantined.</summary>
    public const string QuarantinedAt = "incx-quarantined-at";
}
