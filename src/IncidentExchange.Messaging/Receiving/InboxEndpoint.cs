using IncidentExchange.Core.Wire;
using IncidentExchange.Messaging.Topology;
using MassTransit;

namespace IncidentExchange.Messaging.Receiving;

/// <summary>Configures the node's inbox: a MassTransit receive endpoint on raw envelopes from the federated exchange.</summary>
public static class InboxEndpoint
{
    /// <summary>
    /// Adds the receive endpoint <c>incx.&lt;node&gt;.inbox</c>, bound to <c>incx.v1</c> with the node's routing
    /// keys and consumed by <typeparamref name="TConsumer"/>. No message-type topology and no fault events:
    /// the wire belongs to protos/README.md, not to MassTransit's conventions.
    /// </summary>
    public static void ConfigureInbox<TConsumer>(this IRabbitMqBusFactoryConfigurator configurator, IBusRegistrationContext context, string nodeId, BrokerOptions options)
        where TConsumer : class, IConsumer<InboundEnvelope>
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(options);
        configurator.ReceiveEndpoint(NodeQueues.Inbox(nodeId), endpoint =>
        {
            endpoint.ConfigureConsumeTopology = false;
            endpoint.PublishFaults = false;
            endpoint.PrefetchCount = options.PrefetchCount;
            // One message at a time, in queue order: a peer's key rotation record must be applied before the
            // notices it signs next with the new key, and federation delivers them in that order.
            endpoint.ConcurrentMessageLimit = 1;

            // Only the raw deserializer, as the default, so every content type reaches the consumer.
            // An endpoint must still name a serializer; MassTransit's JSON one is never used by the inbox.
            endpoint.ClearSerialization();
            endpoint.AddSerializer(new MassTransit.Configuration.SystemTextJsonMessageSerializerFactory(), isSerializer: true);
            endpoint.AddDeserializer(new RawEnvelopeSerializerFactory(), isDefault: true);

            foreach (var routingKey in RoutingKeys.InboxBindingsFor(nodeId))
            {
                endpoint.Bind(WireProtocol.ExchangeName, binding =>
                {
                    binding.ExchangeType = "topic";
                    binding.Durable = true;
                    binding.AutoDelete = false;
                    binding.RoutingKey = routingKey;
                });
            }

            // The consumer throws only when the broker cannot take a quarantined copy; retry before parking it in _error.
            endpoint.UseMessageRetry(retry => retry.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
            endpoint.ConfigureConsumer<TConsumer>(context);
        });
    }
}
