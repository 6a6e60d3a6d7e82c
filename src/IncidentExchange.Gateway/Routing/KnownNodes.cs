using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Routing;

/// <summary>The nodes this node can address: itself, its peers, and the communities made of them.</summary>
public sealed class KnownNodes(IOptions<NodeOptions> options)
{
    private readonly NodeOptions _options = options?.Value ?? throw new ArgumentNullException(nameof(options));

    /// <summary>This node's id.</summary>
    public string Self => _options.NodeId;

    /// <summary>Peer node ids, in configuration order.</summary>
    public IReadOnlyList<string> Peers => _options.Peers.Select(p => p.Node).ToArray();

    /// <summary>True for this node and its peers.</summary>
    public bool Contains(string nodeId) => nodeId == Self || _options.Peers.Any(p => p.Node == nodeId);

    /// <summary>Community names, sorted.</summary>
    public IReadOnlyList<string> Communities => _options.Communities.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The members of <paramref name="community"/>, or null if no such community is configured.</summary>
    public IReadOnlyList<string>? Members(string community) =>
        _options.Communities.TryGetValue(community, out var members) ? members : null;

    /// <summary>Communities <paramref name="nodeId"/> belongs to.</summary>
    public IReadOnlyList<string> CommunitiesOf(string nodeId) =>
        _options.Communities.Where(c => c.Value.Contains(nodeId)).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
}
