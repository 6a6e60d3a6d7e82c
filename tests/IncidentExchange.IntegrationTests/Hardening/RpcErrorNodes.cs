using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// The gateways the RPC error cases run against, on the shared broker: <see cref="Node"/> has a peer configured that
/// never starts (so this node's broker has no federation link to it), <see cref="Away"/> can reach neither its
/// broker nor the broker's management API.
/// </summary>
public sealed class RpcErrorNodes : IAsyncDisposable
{
    // Loopback port 1: nothing listens there, so every connection is refused at once.
    private const string Nowhere = "127.0.0.1:1";

    private RpcErrorNodes(TestNode node, TestNode peer, TestNode away)
    {
        Node = node;
        PeerNode = peer;
        Away = away;
    }

    /// <summary>A running gateway whose broker and management API work, with one configured peer and no link to it.</summary>
    public TestNode Node { get; }

    /// <summary>The id of <see cref="Node"/>'s peer.</summary>
    public string Peer => PeerNode.NodeId;

    /// <summary>A running gateway without peers whose broker and management API cannot be reached.</summary>
    public TestNode Away { get; }

    private TestNode PeerNode { get; }

    public static async Task<RpcErrorNodes> StartAsync()
    {
        var peer = TestNode.Create(BrokerSetUp.Broker);
        var node = TestNode.Create(BrokerSetUp.Broker);
        node.Settings["Incx:TrustedKeys:0:Node"] = peer.NodeId;
        node.Settings["Incx:TrustedKeys:0:PublicKeyFile"] = peer.PublicKeyFile;
        node.Settings["Incx:Peers:0:Node"] = peer.NodeId;
        node.Settings["Incx:Peers:0:AmqpUri"] = $"amqp://guest:guest@{Nowhere}/";
        await node.StartAsync();
        var away = await TestNode.StartAsync(BrokerSetUp.Broker, settings =>
        {
            settings["Incx:Broker:ManagementUri"] = $"http://{Nowhere}/";
            // One attempt: the case is about the answer, not about the retries before it.
            settings["Incx:Broker:PublishRetries"] = "0";
        }, amqpUri: $"amqp://guest:guest@{Nowhere}/", waitUntilServing: false);
        return new RpcErrorNodes(node, peer, away);
    }

    public IncidentGateway.IncidentGatewayClient Gateway => Node.Client;

    public IncidentGateway.IncidentGatewayClient AwayGateway => Away.Client;

    public PointsOfContact.PointsOfContactClient Contacts => Node.Contacts;

    public PointsOfContact.PointsOfContactClient AwayContacts => Away.Contacts;

    public Contracts.V1.History.HistoryClient History => new(Node.Channel);

    public Contracts.V1.History.HistoryClient AwayHistory => new(Away.Channel);

    public async ValueTask DisposeAsync()
    {
        await Away.DisposeAsync();
        await Node.DisposeAsync();
        await PeerNode.DisposeAsync();
    }
}
