namespace IncidentExchange.Gateway.Configuration;

/// <summary>Metrics and traces of the gateway. Section <c>Incx:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Where to serve the Prometheus scraping endpoint (<c>/metrics</c>, HTTP/1.1), e.g. <c>http://127.0.0.1:9101</c>;
    /// empty = none. A port of its own: the gRPC port speaks HTTP/2 only, which scrapers do not.
    /// </summary>
    public string PrometheusUrl { get; set; } = "";

    /// <summary>OTLP endpoint (collector) to send traces to, e.g. <c>http://127.0.0.1:4317</c>; empty = traces are not exported.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>How often federation link states and subscription backlogs are read for the gauges.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(5);
}
