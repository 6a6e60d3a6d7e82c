namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Base for tests that each need a fresh gateway of their own on the shared broker.</summary>
public abstract class NodeTest
{
    /// <summary>This test's gateway, started before and disposed after every test.</summary>
    protected TestNode Node { get; private set; } = null!;

    [SetUp]
    public async Task StartNode() => Node = await TestNode.StartAsync(BrokerSetUp.Broker);

    [TearDown]
    public async Task StopNode() => await Node.DisposeAsync();
}
