using IncidentExchange.Core.Wire;
using RabbitMQ.Client;

namespace IncidentExchange.Messaging.Topology;

/// <summary>Declares what a node needs on its own broker; every declaration is idempotent.</summary>
public static class TopologyDeclarer
{
    /// <summary>Declares the federated exchange and the node's quarantine queue.</summary>
    public static async Task DeclareAsync(IChannel channel, string nodeId, BrokerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        await channel.ExchangeDeclareAsync(WireProtocol.ExchangeName, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var quarantineArguments = new Dictionary<string, object?>
        {
            // Bounded, dropping the oldest: a flood of garbage from one peer cannot fill the disk.
            ["x-max-length"] = options.QuarantineMaxLength,
            ["x-overflow"] = "drop-head",
        };
        await channel.QueueDeclareAsync(NodeQueues.Quarantine(nodeId), durable: true, exclusive: false, autoDelete: false, quarantineArguments, cancellationToken: cancellationToken);
    }
}
