using IncidentExchange.Core.Wire;
using RabbitMQ.Client;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// A private queue bound to the incx exchange for the length of one test, to count what was really
/// published on a routing key (subscribers cannot tell: receivers drop duplicates).
/// </summary>
public sealed class AmqpTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private AmqpTap(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<AmqpTap> StartAsync(string amqpUri, string routingKey)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, WireProtocol.ExchangeName, routingKey);
        return new AmqpTap(connection, channel, queue);
    }

    /// <summary>AMQP message ids of everything the tap has caught so far.</summary>
    public async Task<IReadOnlyList<string?>> DrainAsync()
    {
        var ids = new List<string?>();
        while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } message)
        {
            ids.Add(message.BasicProperties.MessageId);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
