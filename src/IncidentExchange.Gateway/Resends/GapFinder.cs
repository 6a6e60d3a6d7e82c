using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.History;

namespace IncidentExchange.Gateway.Resends;

/// <summary>
/// Finds, per origin, the sequence numbers this node has no notice for: every number from 1 to the highest received
/// that is neither in the history as a received, verified notice nor accounted for by that origin's signed re-send
/// replies (addressed to other nodes only, or unavailable there). Numbers consumed by failed publishes or sent to
/// others look like gaps until a re-send reply accounts for them.
/// </summary>
public sealed class GapFinder(NodeIdentity identity, HistoryReader history)
{
    /// <summary>Reads the whole history (or one origin's part) and reports the gaps.</summary>
    public async Task<GapReport> FindAsync(string origin, CancellationToken cancellationToken)
    {
        var received = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        var accounted = new Dictionary<string, HashSet<ulong>>(StringComparer.Ordinal);
        var request = new ReplayRequest { Origin = origin, Kinds = { "notice", "resend" } };
        await foreach (var item in history.ReadAsync(request, ReplayFilter.From(request), cancellationToken))
        {
            if (item.Direction != Direction.Received || !item.Verification.Verified)
            {
                continue;
            }

            if (item.Notice is { } notice)
            {
                Set(received, notice.Origin).Add(notice.Sequence);
            }
            else if (item.ResendReply is { } reply && reply.Requester == identity.NodeId)
            {
                Set(accounted, reply.Origin).UnionWith(reply.NotAddressed.Concat(reply.Unavailable));
            }
        }

        var report = new GapReport();
        foreach (var (node, numbers) in received.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var gaps = new OriginGaps { Origin = node, HighestReceived = numbers.Max(), Received = (ulong)numbers.Count };
            var known = accounted.TryGetValue(node, out var extra) ? extra : [];
            gaps.Missing.Add(Ranges(gaps.HighestReceived, n => numbers.Contains(n) || known.Contains(n)));
            report.Origins.Add(gaps);
        }

        return report;
    }

    // Consecutive numbers from 1 to highest that have is false for, as ranges.
    private static IEnumerable<SequenceRange> Ranges(ulong highest, Func<ulong, bool> has)
    {
        ulong? start = null;
        for (ulong n = 1; n <= highest + 1; n++)
        {
            var missing = n <= highest && !has(n);
            if (missing && start is null)
            {
                start = n;
            }
            else if (!missing && start is { } from)
            {
                yield return new SequenceRange { From = from, To = n - 1 };
                start = null;
            }
        }
    }

    private static HashSet<ulong> Set(Dictionary<string, HashSet<ulong>> sets, string origin) =>
        sets.TryGetValue(origin, out var set) ? set : sets[origin] = [];
}
