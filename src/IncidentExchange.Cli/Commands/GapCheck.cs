using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx replay --check [--resend]</c>: the sequence ranges missing per origin, and asking the origins for them.</summary>
internal static class GapCheck
{
    // One request covers at most this many numbers (protos/README.md §13.3).
    private const ulong MaxRange = 10_000;

    // Requests one run sends at most: a peer that skipped a billion numbers must not make this node send 100000 requests.
    private const int MaxRequests = 100;

    public static async Task<int> RunAsync(CliConsole console, GatewayConnection connection, string origin, bool resend, bool json, CancellationToken cancellationToken)
    {
        var client = new Contracts.V1.History.HistoryClient(connection.Channel);
        var report = await client.CheckGapsAsync(new CheckGapsRequest { Origin = origin }, cancellationToken: cancellationToken);
        if (json)
        {
            foreach (var gaps in report.Origins)
            {
                JsonLines.Write(console.Output, gaps);
            }
        }
        else
        {
            var table = new Table().AddColumns("origin", "received", "highest", "missing");
            foreach (var gaps in report.Origins)
            {
                table.AddRow(Markup.Escape(gaps.Origin), $"{gaps.Received}", $"{gaps.HighestReceived}", gaps.Missing.Count == 0 ? "[green]none[/]" : string.Join(", ", gaps.Missing.Select(Text)));
            }

            console.Rich.Write(table);
        }

        var missing = report.Origins.SelectMany(o => o.Missing.Select(r => (o.Origin, Range: r))).ToArray();
        if (resend)
        {
            var requests = Chunks(missing).Take(MaxRequests + 1).ToArray();
            foreach (var (from, start, end) in requests.Take(MaxRequests))
            {
                var reply = await client.RequestResendAsync(new RequestResendRequest { Origin = from, FromSequence = start, ToSequence = end }, cancellationToken: cancellationToken);
                console.Error.WriteLine($"incx: asked {from} to send {start}-{end} again (request {reply.RequestId}); check again in a moment.");
            }

            if (requests.Length > MaxRequests)
            {
                console.Error.WriteLine($"incx: sent the first {MaxRequests} requests only; run the check again once they are answered.");
            }
        }

        return missing.Length == 0 ? ExitCodes.Success : ExitCodes.Gaps;
    }

    // Each missing range in pieces of at most MaxRange numbers (no overflow near the top of the number space).
    private static IEnumerable<(string Origin, ulong From, ulong To)> Chunks(IEnumerable<(string Origin, SequenceRange Range)> missing)
    {
        foreach (var (origin, range) in missing)
        {
            for (var start = range.From; ; start += MaxRange)
            {
                var end = range.To - start < MaxRange ? range.To : start + MaxRange - 1;
                yield return (origin, start, end);
                if (end == range.To)
                {
                    break;
                }
            }
        }
    }

    private static string Text(SequenceRange range) => range.From == range.To ? $"{range.From}" : $"{range.From}-{range.To}";
}
