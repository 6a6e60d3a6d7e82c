using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Gateway.Routing;
using IncidentExchange.Gateway.Subscriptions;
using IncidentExchange.Messaging;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Hosting;

/// <summary>Registers the node itself: identity, options, the publish and receive paths.</summary>
public static class NodeHostingExtensions
{
    /// <summary>Adds the node's options (validated at start), identity, ledger, metrics and delivery.</summary>
    public static IHostApplicationBuilder AddIncxNode(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<NodeOptions>().Bind(builder.Configuration.GetSection(NodeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();
        services.AddSingleton<IValidateOptions<NodeOptions>, TransportRules>();
        services.AddOptions<BrokerOptions>().Bind(builder.Configuration.GetSection(BrokerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<ContactBook>();
        services.AddSingleton<OwnKeys>();
        services.AddSingleton<OwnRecordPublisher>();
        services.AddHostedService<DirectoryAnnouncer>();
        services.AddSingleton<PublicationLedger>();
        services.AddSingleton<History.HistoryRecorder>();
        services.AddSingleton<History.HistoryReader>();
        services.AddSingleton<History.HistoryJournal>();
        services.AddSingleton<History.HistoryOutbox>();
        services.AddHostedService(provider => provider.GetRequiredService<History.HistoryOutbox>());
        services.AddSingleton<Resends.GapFinder>();
        services.AddSingleton<Resends.ResendRequester>();
        services.AddSingleton<Resends.ResendResponder>();
        services.AddHostedService(provider => provider.GetRequiredService<Resends.ResendResponder>());
        services.AddSingleton<NoticePublisher>();
        services.AddSingleton<AlertFanout>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<Receipts.DeliveryBook>();
        services.AddHostedService<Receipts.AcknowledgementDeadlines>();
        services.AddSingleton<Checks.CheckBook>();
        services.AddSingleton<Checks.CheckSender>();
        services.AddSingleton<Receipts.ReceiptSender>();
        services.AddSingleton<Receipts.ReceiptOutbox>();
        services.AddHostedService(provider => provider.GetRequiredService<Receipts.ReceiptOutbox>());
        services.AddSingleton<DurableSubscriptions>();
        services.AddIncxInbound();
        services.AddSingleton<KnownNodes>();
        services.AddSingleton<Health.TopologyState>();
        services.AddSingleton<PeerLinks>();
        services.AddSingleton<NodeListing>();
        return builder;
    }
}
