using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;

namespace IncidentExchange.Gateway.Federation;

/// <summary>Builds the ListNodes reply: this node first, then its peers with their link state.</summary>
public sealed class NodeListing(KnownNodes nodes, PeerLinks links, NodeIdentity identity)
{
    public async Task<ListNodesReply> ListAsync(CancellationToken cancellationToken)
    {
        var states = await links.GetAsync(cancellationToken);
        var reply = new ListNodesReply();
        reply.Nodes.Add(Info(nodes.Self, self: true, LinkState.Unspecified));
        foreach (var peer in nodes.Peers)
        {
            reply.Nodes.Add(Info(peer, self: false, states.GetValueOrDefault(peer, LinkState.Unknown)));
        }

        return reply;
    }

    private NodeInfo Info(string node, bool self, LinkState link)
    {
        var info = new NodeInfo { NodeId = node, Self = self, Link = link };
        info.KeyIds.Add(identity.Trust.KeyIdsOf(node));
        info.Communities.Add(nodes.CommunitiesOf(node));
        return info;
    }
}
