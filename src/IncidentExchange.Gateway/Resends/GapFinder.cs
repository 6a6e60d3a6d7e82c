using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.History;

namespace IncidentExchange.Gateway.Resends;

/// <summary>
/// Finds, per origin, the sequence numbers this node has no notice for: the numbers from 1 to the highest received
/// that are neither in the history as a received, verified notice nor accounted for by that origin's signed reply to
/// a re-send request this node sent (addressed to other nodes only, or unavailable there). Works on ranges, never
/// number by number: a peer's sequence numbers may be as large as it likes.
/// </summary>
public sealed class GapFinder(NodeIdentity identity, HistoryReader history)
{
    /// <summary>Reads the whole history (or one origin's part) and reports the gaps.</summary>
    public async Task<GapReport> FindAsync(string origin, CancellationToken cancellationToken)
    {
        var received = new Dictionary<string, List<ulong>>(StringComparer.Ordinal);
        var asked = new Dictionary<string, ResendRequest>(StringComparer.Ordinal);
        var replies = new List<ResendReply>();
        var request = new ReplayRequest { Kinds = { "notice", "resend" } };
        await foreach (var item in history.ReadAsync(request, cancellationToken))
        {
            if (!item.Verification.Verified)
            {
                continue;
            }

            if (item.Notice is { } notice && item.Direction == Direction.Received && (origin.Length == 0 || notice.Origin == origin))
            {
                List(received, notice.Origin).Add(notice.Sequence);
            }
            else if (item.ResendRequest is { } sent && item.Direction == Direction.Sent)
            {
                asked[sent.RequestId] = sent;
            }
            else if (item.ResendReply is { } reply && item.Direction == Direction.Received && reply.Requester == identity.NodeId)
            {
                replies.Add(reply);
            }
        }

        // Only an answer to a request this node made, for the range it asked, accounts for anything.
        var accounted = new Dictionary<string, List<ulong>>(StringComparer.Ordinal);
        foreach (var reply in replies)
        {
            if (asked.TryGetValue(reply.RequestId, out var sent) && sent.Origin == reply.Origin && sent.FromSequence == reply.FromSequence && sent.ToSequence == reply.ToSequence)
            {
                List(accounted, reply.Origin).AddRange(reply.NotAddressed.Concat(reply.Unavailable));
            }
        }

        var report = new GapReport();
        foreach (var (node, numbers) in received.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var have = Ranges(numbers.Concat(accounted.GetValueOrDefault(node) ?? []));
            var gaps = new OriginGaps { Origin = node, HighestReceived = numbers.Max(), Received = (ulong)numbers.Distinct().Count() };
            gaps.Missing.Add(Missing(have, gaps.HighestReceived));
            report.Origins.Add(gaps);
        }

        return report;
    }

    // Sorted, merged ranges of the numbers held.
    private static List<(ulong From, ulong To)> Ranges(IEnumerable<ulong> numbers)
    {
        var ranges = new List<(ulong From, ulong To)>();
        foreach (var n in numbers.Distinct().Order())
        {
            if (ranges.Count > 0 && ranges[^1].To == n - 1)
            {
                ranges[^1] = (ranges[^1].From, n);
            }
            else
            {
                ranges.Add((n, n));
            }
        }

        return ranges;
    }

    // The holes between 1 and highest that the held ranges leave.
    private static IEnumerable<SequenceRange> Missing(List<(ulong From, ulong To)> have, ulong highest)
    {
        ulong next = 1;
        foreach (var (from, to) in have)
        {
            if (from > highest)
            {
                break;
            }

            if (from > next)
            {
                yield return new SequenceRange { From = next, To = from - 1 };
            }

            if (to >= highest)
            {
                yield break;
            }

            next = Math.Max(next, to + 1);
        }
    }

    private static List<ulong> List(Dictionary<string, List<ulong>> lists, string origin) =>
        lists.TryGetValue(origin, out var list) ? list : lists[origin] = [];
}
