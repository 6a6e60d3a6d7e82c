using IncidentExchange.Core.Wire;
using RabbitMQ.Client;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Plain RabbitMQ.Client access to a broker, as a foreign or hostile peer would have.</summary>
public static class RawAmqp
{
    /// <summary>Publishes <paramref name="body"/> to the incx exchange with confirms, bypassing every gateway check.</summary>
    public static async Task PublishAsync(string amqpUri, string routingKey, ReadOnlyMemory<byte> body, string? contentType = WireProtocol.ContentType, string? messageId = null)
    {
        await using var connection = await Factory(amqpUri).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, MessageId = messageId ?? Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(WireProtocol.ExchangeName, routingKey, mandatory: false, properties, body);
    }

    /// <summary>Publishes every body of <paramref name="bodies"/> on one channel, then waits for the broker's confirms: a flood.</summary>
    public static async Task PublishManyAsync(string amqpUri, string routingKey, IEnumerable<byte[]> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        await using var connection = await Factory(amqpUri).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var pending = new List<Task>();
        foreach (var body in bodies)
        {
            var properties = new BasicProperties { ContentType = WireProtocol.ContentType, DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };
            pending.Add(channel.BasicPublishAsync(WireProtocol.ExchangeName, routingKey, mandatory: false, properties, body).AsTask());
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Takes one message from <paramref name="queue"/>, waiting (bounded) for one to arrive.</summary>
    public static async Task<BasicGetResult> GetAsync(string amqpUri, string queue, TimeSpan? timeout = null)
    {
        await using var connection = await Factory(amqpUri).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message arrived in {queue}.");
    }

    /// <summary>Number of messages ready in <paramref name="queue"/>.</summary>
    public static async Task<uint> CountAsync(string amqpUri, string queue)
    {
        await using var connection = await Factory(amqpUri).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.MessageCountAsync(queue);
    }

    /// <summary>Waits (bounded) until <paramref name="queue"/> holds at least <paramref name="atLeast"/> ready messages; returns the count then.</summary>
    public static async Task<uint> WaitForCountAsync(string amqpUri, string queue, uint atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        uint count;
        while ((count = await CountAsync(amqpUri, queue)) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return count;
    }

    /// <summary>Drops every message ready in <paramref name="queue"/> (a delivery lost on the way, as far as the node can tell).</summary>
    public static async Task<uint> PurgeAsync(string amqpUri, string queue)
    {
        await using var connection = await Factory(amqpUri).CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return await channel.QueuePurgeAsync(queue);
    }

    private static ConnectionFactory Factory(string amqpUri) => new() { Uri = new Uri(amqpUri) };
}
