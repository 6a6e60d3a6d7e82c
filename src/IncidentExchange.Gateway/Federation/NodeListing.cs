using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Routing;

namespace IncidentExchange.Gateway.Federation;

/// <summary>The ListNodes RPC of <c>incx.v1.IncidentGateway</c>: this node first, then its peers with their link state.</summary>
public sealed class NodeListing(KnownNodes nodes, PeerLinks links, NodeIdentity identity, TimeProvider time)
{
    /// <summary>Builds the ListNodes reply (link states as the management API reports them, at most two seconds old).</summary>
    public async Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var states = await links.GetAsync(context.CancellationToken);
        var reply = new ListNodesReply();
        reply.Nodes.Add(Info(nodes.Self, self: true, LinkState.Unspecified));
        foreach (var peer in nodes.Peers)
        {
            reply.Nodes.Add(Info(peer, self: false, states.GetValueOrDefault(peer, LinkState.Unknown)));
        }

        return reply;
    }

    // The keys its record holds valid now once it has one (the record alone decides then), its pinned keys before.
    private IEnumerable<string> KeyIdsOf(string node)
    {
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return identity.Directory.Get(node) is { } entry
            ? entry.Current?.Record.Keys.Where(k => KeyWindows.At(k, now) == KeyValidity.Valid).Select(k => k.KeyId).Order(StringComparer.Ordinal).ToArray() ?? entry.PinnedKeyIds
            : [];
    }

    private NodeInfo Info(string node, bool self, LinkState link)
    {
        var info = new NodeInfo { NodeId = node, Self = self, Link = link };
        info.KeyIds.Add(KeyIdsOf(node));
        info.Communities.Add(nodes.CommunitiesOf(node));
        return info;
    }
}
