using System.Diagnostics;

namespace IncidentExchange.Gateway.Observability;

/// <summary>The gateway's trace source: spans for publishing (<c>incx.publish</c>) and for each inbound envelope (<c>incx.receive</c>).</summary>
public static class GatewayTelemetry
{
    /// <summary>Activity source name, for exporters (the same name as the meter).</summary>
    public const string SourceName = GatewayMetrics.MeterName;

    /// <summary>The source spans start from.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>MassTransit's meter and activity source name (its own instrumentation).</summary>
    public const string MassTransitName = "MassTransit";
}
