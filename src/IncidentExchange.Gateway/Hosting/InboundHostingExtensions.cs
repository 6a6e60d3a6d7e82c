using IncidentExchange.Gateway.Inbound;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Registers the receive path: the payload table, the router, its shared steps and a handler per payload type.</summary>
public static class InboundHostingExtensions
{
    /// <summary>Adds the receive path with the protocol's payload types (<see cref="StandardPayloads"/>).</summary>
    public static IServiceCollection AddIncxInbound(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var binding in StandardPayloads.All)
        {
            services.AddIncxPayload(binding);
        }

        services.AddSingleton<PayloadTable>();
        // The inspectors (NodeIdentity) accept exactly the types the table binds to a handler.
        services.AddSingleton(provider => provider.GetRequiredService<PayloadTable>().Registry);
        services.AddSingleton<RecentNotices>();
        services.AddSingleton<QuarantineWriter>();
        services.AddSingleton<InboundQuarantine>();
        services.AddSingleton<InboundHistory>();
        services.AddSingleton<AlertReceiver>();
        services.AddSingleton<InboundRouter>();
        return services;
    }

    /// <summary>
    /// Adds one payload type: its rules to this node's inspectors, its handler to the router, its replay view to replay.
    /// A payload type bound twice stops the gateway at start.
    /// </summary>
    public static IServiceCollection AddIncxPayload(this IServiceCollection services, PayloadBinding binding)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(binding);
        services.AddSingleton(binding);
        services.TryAddSingleton(binding.Handler);
        return services;
    }
}
