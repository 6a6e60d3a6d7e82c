using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Inbound;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Federation;
using IncidentExchange.Messaging.Publishing;
using IncidentExchange.Messaging.Receiving;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Registers the broker side: confirmed publishing, topology, and the MassTransit-hosted inbox.</summary>
public static class MessagingHostingExtensions
{
    /// <summary>Adds the publisher, the topology initialiser and the MassTransit bus with the node's inbox.</summary>
    public static IHostApplicationBuilder AddIncxMessaging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<BrokerConnection>();
        services.AddHttpClient<ManagementApi>((provider, http) =>
        {
            var broker = provider.GetRequiredService<IOptions<BrokerOptions>>().Value;
            var (user, password) = BrokerCredentials.From(broker.Uri);
            ManagementApi.Configure(http, broker.ManagementUri, user, password);
        });
        services.AddTransient<FederationTopology>();
        services.AddSingleton<ConfirmingPublisher>();
        // Registered before MassTransit so the exchange and quarantine queue exist when the inbox binds.
        services.AddHostedService<TopologyInitializer>();
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<InboxConsumer>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var broker = context.GetRequiredService<IOptions<BrokerOptions>>().Value;
                var node = context.GetRequiredService<IOptions<NodeOptions>>().Value;
                rabbit.Host(broker.Uri, host => host.ConnectionName($"incx-gateway-{node.NodeId}"));
                rabbit.ConfigureInbox<InboxConsumer>(context, node.NodeId, broker);
            });
        });
        return builder;
    }
}
