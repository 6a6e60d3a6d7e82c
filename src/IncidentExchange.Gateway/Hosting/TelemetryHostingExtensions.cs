using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>OpenTelemetry for the gateway: its own meter and spans, MassTransit's, ASP.NET Core's and the runtime's.</summary>
public static class TelemetryHostingExtensions
{
    private const string MetricsEndpointName = "Metrics";

    /// <summary>
    /// Adds metrics (served to Prometheus when <c>Incx:Telemetry:PrometheusUrl</c> is set, on an HTTP/1.1 endpoint
    /// of its own) and traces (sent over OTLP when <c>Incx:Telemetry:OtlpEndpoint</c> is set).
    /// </summary>
    public static IHostApplicationBuilder AddIncxTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Configuration.GetSection(NodeOptions.SectionName + ":Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var nodeId = builder.Configuration[NodeOptions.SectionName + ":NodeId"] ?? "";
        if (TelemetryUrls.PrometheusPort(telemetry.PrometheusUrl) is not null)
        {
            // A Kestrel endpoint beside the gRPC one; read by Kestrel with the rest of its configuration.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"Kestrel:Endpoints:{MetricsEndpointName}:Url"] = telemetry.PrometheusUrl,
                [$"Kestrel:Endpoints:{MetricsEndpointName}:Protocols"] = "Http1",
            });
        }

        builder.Services.AddHostedService<TelemetrySampler>();
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("incx-gateway", serviceInstanceId: nodeId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayMetrics.MeterName, GatewayTelemetry.MassTransitName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (telemetry.PrometheusUrl.Length > 0)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (telemetry.OtlpEndpoint.Length > 0 && Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var otlp))
        {
            otel.WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.SourceName, GatewayTelemetry.MassTransitName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> on connections to the metrics port only, judged by the port the connection arrived on
    /// (not the Host header, which a client chooses): never on the gRPC port, where clients need a token.
    /// </summary>
    public static WebApplication UseIncxTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var url = app.Configuration[NodeOptions.SectionName + ":Telemetry:PrometheusUrl"] ?? "";
        if (TelemetryUrls.PrometheusPort(url) is { } port)
        {
            var configured = port;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Request.Path == "/metrics" && context.Connection.LocalPort == configured);
        }

        return app;
    }
}
