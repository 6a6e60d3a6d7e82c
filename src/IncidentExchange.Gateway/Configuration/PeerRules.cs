using IncidentExchange.Core.Wire;
using IncidentExchange.Messaging.Federation;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>Checks the peers and communities of <see cref="NodeOptions"/>: valid, unique, trusted, known.</summary>
internal static class PeerRules
{
    private const string Prefix = NodeOptions.SectionName + ":";

    public static void Check(NodeOptions options, List<string> errors)
    {
        var trusted = options.TrustedKeys.Select(k => k.Node).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Peers.Count; i++)
        {
            var peer = options.Peers[i];
            var path = $"{Prefix}Peers:{i}";
            if (!NodeIds.IsValid(peer.Node))
            {
                errors.Add($"{path}:Node '{peer.Node}' is not a valid node id ({NodeIds.Rule}).");
            }
            else if (peer.Node == options.NodeId)
            {
                errors.Add($"{path}:Node '{peer.Node}' is this node itself; list only other nodes as peers.");
            }
            else if (!seen.Add(peer.Node))
            {
                errors.Add($"{path}:Node '{peer.Node}' is listed twice.");
            }
            else if (!trusted.Contains(peer.Node))
            {
                // Without a pinned key every notice from that peer would be quarantined.
                errors.Add($"{path}: peer '{peer.Node}' has no pinned key in {Prefix}TrustedKeys.");
            }

            if (!AmqpUris.IsAmqp(peer.AmqpUri))
            {
                errors.Add($"{path}:AmqpUri must be an absolute amqp:// or amqps:// URI.");
            }
        }

        var known = seen.Append(options.NodeId).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, members) in options.Communities)
        {
            var path = $"{Prefix}Communities:{name}";
            if (!NodeIds.IsValid(name))
            {
                errors.Add($"{path}: '{name}' is not a valid community name ({NodeIds.Rule}).");
            }

            if (members.Count == 0)
            {
                errors.Add($"{path} has no members.");
            }

            foreach (var member in members.Where(m => !known.Contains(m)))
            {
                errors.Add($"{path}: member '{member}' is neither this node nor one of its peers.");
            }
        }
    }
}
