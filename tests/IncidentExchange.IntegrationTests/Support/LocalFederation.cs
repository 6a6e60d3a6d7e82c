using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// Several national nodes, each with its own real broker and gateway, configured as a full mesh:
/// every node pins every other node's key and lists it as a peer.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private readonly Dictionary<string, (RabbitBroker Broker, TestNode Node)> _members = [];

    public TestNode this[string nodeId] => _members[nodeId].Node;

    public RabbitBroker BrokerOf(string nodeId) => _members[nodeId].Broker;

    /// <summary>Starts brokers and gateways for <paramref name="nodeIds"/> and waits until every link runs.</summary>
    public static async Task<LocalFederation> StartAsync(
        IReadOnlyList<string> nodeIds,
        IReadOnlyDictionary<string, string[]>? communities = null,
        Action<string, IDictionary<string, string?>>? configure = null,
        IReadOnlyCollection<string>? ownProcess = null)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        var federation = new LocalFederation();
        try
        {
            var brokers = await Task.WhenAll(nodeIds.Select(id => RabbitBrokers.StartAsync("fed" + id.Replace("-", "", StringComparison.Ordinal))));
            for (var i = 0; i < nodeIds.Count; i++)
            {
                federation._members[nodeIds[i]] = (brokers[i], TestNode.Create(brokers[i], nodeIds[i]));
            }

            foreach (var (id, (_, node)) in federation._members)
            {
                var peers = federation._members.Where(m => m.Key != id).ToArray();
                for (var p = 0; p < peers.Length; p++)
                {
                    node.Settings[$"Incx:TrustedKeys:{p}:Node"] = peers[p].Key;
                    node.Settings[$"Incx:TrustedKeys:{p}:PublicKeyFile"] = peers[p].Value.Node.PublicKeyFile;
                    node.Settings[$"Incx:Peers:{p}:Node"] = peers[p].Key;
                    node.Settings[$"Incx:Peers:{p}:AmqpUri"] = peers[p].Value.Broker.PeerAmqpUri;
                }

                foreach (var (name, members) in communities ?? new Dictionary<string, string[]>())
                {
                    for (var m = 0; m < members.Length; m++)
                    {
                        node.Settings[$"Incx:Communities:{name}:{m}"] = members[m];
                    }
                }
            }

            foreach (var (id, (_, node)) in federation._members)
            {
                configure?.Invoke(id, node.Settings);
            }

            // Nodes in ownProcess run as separate gateway processes, so a test can kill them without warning.
            await Task.WhenAll(federation._members.Select(m => ownProcess?.Contains(m.Key) == true ? m.Value.Node.StartProcessAsync() : m.Value.Node.StartAsync()));
            await Task.WhenAll(federation._members.Keys.Select(federation.WaitForLinksAsync));
            await federation.WaitForDirectoryAsync();
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits (bounded) until <paramref name="nodeId"/>'s broker reports every peer link running.</summary>
    public async Task WaitForLinksAsync(string nodeId)
    {
        foreach (var peer in _members.Keys.Where(k => k != nodeId))
        {
            await this[nodeId].WaitUntilServingAsync(TimeSpan.FromSeconds(60), PeerLinkHealthCheck.ServiceName(peer));
        }
    }

    /// <summary>
    /// Waits (bounded) until every node holds a contact record of every node: the nodes announce their records
    /// as links come up, and a test that counts messages on a broker must start after that exchange.
    /// </summary>
    public async Task WaitForDirectoryAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var (at, (_, node)) in _members)
        {
            foreach (var of in _members.Keys)
            {
                while ((await node.Contacts.ListContactsAsync(new ListContactsRequest())).Entries.SingleOrDefault(e => e.NodeId == of)?.Record is null)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"{at} holds no contact record of {of} after 60 s.");
                    }

                    await Task.Delay(100);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, node) in _members.Values)
        {
            await node.DisposeAsync();
        }

        await Task.WhenAll(_members.Values.Select(m => m.Broker.DisposeAsync().AsTask()));
    }
}
