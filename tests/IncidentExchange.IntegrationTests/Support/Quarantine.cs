using System.Text;
using IncidentExchange.Messaging.Topology;
using RabbitMQ.Client;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Reads a node's quarantine queue the way an operator's tool would.</summary>
public static class Quarantine
{
    /// <summary>
    /// Takes messages from <paramref name="nodeId"/>'s quarantine queue until one has <paramref name="messageId"/>
    /// (bounded); returns its reason and detail headers. Messages before it are consumed.
    /// </summary>
    public static async Task<(string Reason, string Detail)> WaitForAsync(string amqpUri, string nodeId, string messageId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var message = await RawAmqp.GetAsync(amqpUri, NodeQueues.Quarantine(nodeId), deadline - DateTime.UtcNow);
            if (message.BasicProperties.MessageId == messageId)
            {
                return (Header(message, QuarantineHeaders.Reason), Header(message, QuarantineHeaders.Detail));
            }
        }

        throw new TimeoutException($"No message {messageId} was quarantined at {nodeId} within {limit}.");
    }

    private static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "";
}
