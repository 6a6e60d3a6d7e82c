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

            // Bad input never throws out of the consumer: it is quarantined. It throws when something that must be done
            // before the ack cannot be done now: the broker does not confirm a quarantined or durable-subscription copy,
            // the management API cannot list the subscriptions (and no earlier list is at hand), the data folder refuses
            // a line (history journal, delivery or check book), or this node's own record arrives with none of the
            // gateway's private keys valid in it. Then the message is retried here, in memory (the inbox waits: one
            // message at a time); after the last retry MassTransit moves it, body unchanged, with its MT-Fault-* headers
            // to the queue incx.<node>.inbox_error, which nothing consumes, and the inbox goes on.
            endpoint.UseMessageRetry(retry => retry.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
            endpoint.ConfigureConsumer<TConsumer>(context);
        });
    }
}
