using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Access;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Health;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Subscriptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Registers and maps the gRPC API, the standard health service and reflection.</summary>
public static class GrpcHostingExtensions
{
    /// <summary>Adds gRPC, health checks (broker reachability) and server reflection.</summary>
    public static IHostApplicationBuilder AddIncxGrpc(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ClientRegistry>();
        builder.Services.AddSingleton<AuthorizationInterceptor>();
        // The feature RPC classes behind incx.v1.IncidentGateway (stateless; the services they call are singletons).
        builder.Services.AddSingleton<PublishingRpcs>();
        builder.Services.AddSingleton<SubscriptionRpcs>();
        builder.Services.AddSingleton<DeliveryStatusRpcs>();
        builder.Services.AddSingleton<CheckRpcs>();
        builder.Services.AddSingleton<ErrorMappingInterceptor>();
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            // Global: they apply to every service mapped below, so no RPC can be reached around them. The first added
            // runs outermost: errors are mapped around everything, the authorization check's refusals included.
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.Interceptors.Add<AuthorizationInterceptor>();
        });
        var peers = ConfiguredPeers(builder);
        var health = builder.Services
            .AddGrpcHealthChecks(options =>
            {
                // The node serves while its own broker and inbox work; a peer being down is reported per peer.
                options.Services.Map("", result => !result.Tags.Contains(PeerLinkHealthCheck.Tag));
                foreach (var peer in peers)
                {
                    options.Services.Map(PeerLinkHealthCheck.ServiceName(peer), result => result.Tags.Contains(PeerLinkHealthCheck.Tag) && result.Name == PeerLinkHealthCheck.ServiceName(peer));
                }
            })
            .AddCheck<BrokerHealthCheck>("broker")
            .AddCheck<TopologyHealthCheck>("topology");
        foreach (var peer in peers)
        {
            health.Add(new HealthCheckRegistration(
                PeerLinkHealthCheck.ServiceName(peer),
                provider => new PeerLinkHealthCheck(provider.GetRequiredService<PeerLinks>(), peer),
                failureStatus: null,
                tags: [PeerLinkHealthCheck.Tag]));
        }

        builder.Services.AddGrpcReflection();
        return builder;
    }

    private static string[] ConfiguredPeers(IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>()?.Peers.Select(p => p.Node).Where(NodeIds.IsValid).Distinct().ToArray() ?? [];

    /// <summary>Maps the gateway service, health and reflection endpoints.</summary>
    public static WebApplication MapIncxGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<MalformedRequestGuard>();
        app.MapGrpcService<IncidentGatewayService>();
        app.MapGrpcService<DirectoryService>();
        app.MapGrpcService<HistoryService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
