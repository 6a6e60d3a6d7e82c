using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx replay --check [--resend]</c>: the sequence ranges missing per origin, and asking the origins for them.</summary>
internal static class GapCheck
{
    // One request covers at most this many numbers (protos/README.md §13.3).
    private const ulong MaxRange = 10_000;

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
            foreach (var (from, range) in missing)
            {
                for (var start = range.From; start <= range.To; start += MaxRange)
                {
                    var end = Math.Min(range.To, start + MaxRange - 1);
                    var reply = await client.RequestResendAsync(new RequestResendRequest { Origin = from, FromSequence = start, ToSequence = end }, cancellationToken: cancellationToken);
                    console.Error.WriteLine($"incx: asked {from} to send {start}-{end} again (request {reply.RequestId}); check again in a moment.");
                }
            }
        }

        return missing.Length == 0 ? ExitCodes.Success : ExitCodes.Gaps;
    }

    private static string Text(SequenceRange range) => range.From == range.To ? $"{range.From}" : $"{range.From}-{range.To}";
}
