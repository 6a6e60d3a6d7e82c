using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Messaging.Federation;

/// <summary>
/// Makes a node's broker federate the incx exchange from every configured peer: cluster name,
/// one upstream per peer (full mesh: max-hops 1, ack-mode on-confirm), the exchange policy, and a
/// bound on the link queues peers create here. Idempotent; upstreams of removed peers are deleted.
/// </summary>
public sealed class FederationTopology(ManagementApi api)
{
    /// <summary>Applies the topology for <paramref name="nodeId"/> and <paramref name="peers"/>.</summary>
    public async Task ApplyAsync(string nodeId, IReadOnlyList<FederationPeer> peers, BrokerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(options);
        await api.SetClusterNameAsync(FederationNames.ClusterName(nodeId), cancellationToken);
        foreach (var peer in peers)
        {
            await api.PutUpstreamAsync(FederationNames.Upstream(peer.Node), Upstream(peer, options), cancellationToken);
        }

        var wanted = peers.Select(p => FederationNames.Upstream(p.Node)).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in (await api.ListUpstreamsAsync(cancellationToken)).Where(u => FederationNames.PeerOf(u) is not null && !wanted.Contains(u)))
        {
            await api.DeleteUpstreamAsync(stale, cancellationToken);
        }

        await api.PutPolicyAsync(
            FederationNames.ExchangePolicy,
            "^" + Regex.Escape(WireProtocol.ExchangeName) + "$",
            "exchanges",
            new JsonObject { ["federation-upstream-pattern"] = "^" + Regex.Escape(FederationNames.UpstreamPrefix) },
            priority: 10,
            cancellationToken);
        // Peers' links create queues named "federation: incx.v1 -> <their cluster name>..." on this broker.
        await api.PutPolicyAsync(
            FederationNames.LinkQueuePolicy,
            "^federation: " + Regex.Escape(WireProtocol.ExchangeName) + " -> ",
            "queues",
            new JsonObject { ["max-length"] = options.FederationMaxQueued, ["overflow"] = "reject-publish" },
            priority: 10,
            cancellationToken);
    }

    private static JsonObject Upstream(FederationPeer peer, BrokerOptions options) => new()
    {
        ["uri"] = AmqpUris.ForErlangClient(peer.AmqpUri),
        ["exchange"] = WireProtocol.ExchangeName,
        // on-confirm: the peer's broker removes a notice from the link queue only once ours confirmed it.
        ["ack-mode"] = "on-confirm",
        // Full mesh: every node links to every other directly, so a message never needs a second hop.
        ["max-hops"] = 1,
        ["expires"] = Milliseconds(options.FederationQueueExpiry),
        ["message-ttl"] = Milliseconds(options.FederationMessageTtl),
        ["reconnect-delay"] = 2,
        // By default a link that stops cleanly (its broker shut down for maintenance) deletes its queue on
        // the peer, and notices sent meanwhile would be lost. "never" keeps it; expires still bounds it.
        ["resource-cleanup-mode"] = "never",
        ["trust-user-id"] = false,
    };

    private static long Milliseconds(TimeSpan value) => (long)value.TotalMilliseconds;

}
