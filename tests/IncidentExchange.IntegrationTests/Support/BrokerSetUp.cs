using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests;

/// <summary>One real RabbitMQ broker for the whole test run; tests isolate themselves by node id.</summary>
[SetUpFixture]
public sealed class BrokerSetUp
{
    private static RabbitBroker? _broker;

    /// <summary>The shared broker.</summary>
    public static RabbitBroker Broker => _broker ?? throw new InvalidOperationException("The shared broker has not started.");

    [OneTimeSetUp]
    public async Task StartBroker() => _broker = await RabbitBrokers.StartAsync("shared");

    [OneTimeTearDown]
    public async Task StopBroker()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
