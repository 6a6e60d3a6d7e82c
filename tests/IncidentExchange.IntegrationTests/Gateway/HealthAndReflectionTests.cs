using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>Standard gRPC health and reflection, so grpcurl and clients in other languages work.</summary>
public class HealthAndReflectionTests
{
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task StartNode() => _node = await TestNode.StartAsync(BrokerSetUp.Broker);

    [OneTimeTearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    [Test]
    public async Task HealthCheck_BrokerUp_IsServing()
    {
        var reply = await new Health.HealthClient(_node.Channel).CheckAsync(new HealthCheckRequest());

        Assert.That(reply.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task Reflection_ListServices_IncludesTheGatewayAndHealth()
    {
        var client = new ServerReflection.ServerReflectionClient(_node.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);

        Assert.That(services, Is.SupersetOf(new[] { "incx.v1.IncidentGateway", "grpc.health.v1.Health" }));
    }
}
