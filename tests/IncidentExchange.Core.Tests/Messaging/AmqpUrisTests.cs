using IncidentExchange.Messaging.Federation;

namespace IncidentExchange.Core.Tests.Messaging;

public class AmqpUrisTests
{
    [TestCase("amqp://guest:guest@127.0.0.1:5702/", "amqp://guest:guest@127.0.0.1:5702")]
    [TestCase("amqp://127.0.0.1:5702", "amqp://127.0.0.1:5702")]
    [TestCase("amqps://incx:s%40cret@broker.cert.fr:5671/?verify=verify_peer&server_name_indication=broker.cert.fr",
        "amqps://incx:s%40cret@broker.cert.fr:5671?verify=verify_peer&server_name_indication=broker.cert.fr")]
    [TestCase("amqp://h:5672/incx", "amqp://h:5672/incx")]
    [TestCase("amqp://h:5672/%2F", "amqp://h:5672/%2F")]
    public void ForErlangClient_DefaultVhostPath_IsDroppedAndQueryKept(string input, string expected)
    {
        Assert.That(AmqpUris.ForErlangClient(new Uri(input)), Is.EqualTo(expected));
    }

    [TestCase("amqp://h:5672/", "/")]
    [TestCase("amqp://h:5672", "/")]
    [TestCase("amqp://h:5672/incx", "incx")]
    [TestCase("amqp://h:5672/%2F", "/")]
    public void VirtualHost_AsRabbitMqClientReadsIt(string input, string expected)
    {
        Assert.That(AmqpUris.VirtualHost(new Uri(input)), Is.EqualTo(expected));
    }
}
