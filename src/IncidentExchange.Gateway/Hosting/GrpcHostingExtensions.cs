using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Health;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Registers and maps the gRPC API, the standard health service and reflection.</summary>
public static class GrpcHostingExtensions
{
    /// <summary>Adds gRPC, health checks (broker reachability) and server reflection.</summary>
    public static IHostApplicationBuilder AddIncxGrpc(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpc(options => options.EnableDetailedErrors = false);
        builder.Services.AddGrpcHealthChecks().AddCheck<BrokerHealthCheck>("broker");
        builder.Services.AddGrpcReflection();
        return builder;
    }

    /// <summary>Maps the gateway service, health and reflection endpoints.</summary>
    public static WebApplication MapIncxGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<IncidentGatewayService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
