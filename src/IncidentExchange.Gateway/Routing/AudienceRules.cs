using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Gateway.Publishing;

namespace IncidentExchange.Gateway.Routing;

/// <summary>Turns the audience a client asked for into the one that is signed: communities expanded, nodes known and sorted.</summary>
internal static class AudienceRules
{
    public static void Resolve(Audience audience, KnownNodes nodes)
    {
        if (audience.Community.Length > 0)
        {
            if (audience.All || audience.Nodes.Count > 0)
            {
                throw new NoticeRejectedException(new FieldViolation("notice.audience", "Address a notice to a community or to named nodes or to all, not to several of these."));
            }

            var members = nodes.Members(audience.Community)
                ?? throw new NoticeRejectedException(new FieldViolation("notice.audience.community", $"Community '{audience.Community}' is not configured at this node (communities: {List(nodes.Communities)})."));
            audience.Nodes.Add(members);
        }

        var unknown = audience.Nodes.Where(n => !nodes.Contains(n)).ToArray();
        if (unknown.Length > 0)
        {
            throw new NoticeRejectedException(new FieldViolation("notice.audience.nodes", $"{List(unknown)} {(unknown.Length == 1 ? "is" : "are")} neither this node nor one of its peers (peers: {List(nodes.Peers)})."));
        }

        // One canonical order, so the same recipients always hash and sign the same.
        var sorted = audience.Nodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        audience.Nodes.Clear();
        audience.Nodes.Add(sorted);
    }

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";
}
