using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx ping --to fr</c> / <c>--all</c>: a communication check ("ping" drill) to peers' crisis contact points,
/// reporting per node the time to DELIVERED (the node is reachable) and to ACKNOWLEDGED (a person answered), or
/// "no answer" after <c>--timeout</c>; <c>--history</c> lists the reports this node kept.
/// </summary>
internal static class PingCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create(CliConsole console)
    {
        var to = new Option<string[]>("--to") { Description = "A peer to check (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Check every peer of this node." };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "How long the targets have to answer (default 2m; e.g. 30s, 10m, 1h).",
            CustomParser = result => Durations.Parse(result),
        };
        var text = new Option<string?>("--text") { Description = "What the contact points are shown (default: a standard request to acknowledge)." };
        var history = new Option<bool>("--history") { Description = "List the checks this node sent, newest first, with their outcomes." };
        var limit = new Option<uint>("--limit") { Description = "With --history: at most this many checks (default 50)." };
        var command = new Command("ping", "Send a communication check to peers' crisis contact points and report who answered, and how fast.") { to, all, timeout, text, history, limit };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(GlobalOptions.Gateway)!, async () =>
        {
            using var connection = GatewayConnection.From(parse);
            var json = parse.GetValue(GlobalOptions.Json);
            if (parse.GetValue(history))
            {
                var reply = await connection.Client.ListChecksAsync(new ListChecksRequest { Limit = parse.GetValue(limit) }, cancellationToken: cancellationToken);
                return PrintHistory(console, reply, json);
            }

            var request = new StartCheckRequest { All = parse.GetValue(all), Timeout = Duration.FromTimeSpan(parse.GetValue(timeout) ?? DefaultTimeout), Text = parse.GetValue(text) ?? "" };
            request.Targets.Add((parse.GetValue(to) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            if (request.All == (request.Targets.Count > 0))
            {
                throw new CliException("Say whom to check: --to <node> (repeatable) or --all.");
            }

            var report = await connection.Client.StartCheckAsync(request, cancellationToken: cancellationToken);
            if (!json)
            {
                console.Error.WriteLine($"incx: check {report.CheckId} sent to {string.Join(", ", report.Targets.Select(t => t.NodeId))}; waiting up to {Durations.Format(report.Timeout.ToTimeSpan())} for answers.");
            }

            report = await WaitAsync(console, connection, report, json, cancellationToken);
            if (json)
            {
                JsonLines.Write(console.Output, report);
            }
            else
            {
                console.Rich.Write(Table(report));
            }

            return report.Targets.All(t => t.Outcome is CheckOutcome.Acknowledged or CheckOutcome.Delivered) ? ExitCodes.Success : ExitCodes.NoAnswer;
        }));
        return command;
    }

    // Polls the gateway's report until it is complete, telling the operator each answer as it comes.
    private static async Task<CheckReport> WaitAsync(CliConsole console, GatewayConnection connection, CheckReport report, bool json, CancellationToken cancellationToken)
    {
        // The gateway judges the timeout; this bound only guards against a gateway that stopped answering the question.
        var giveUp = DateTime.UtcNow + report.Timeout.ToTimeSpan() + TimeSpan.FromSeconds(30);
        var told = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var target in report.Targets)
            {
                Tell(console, json, report, target, told);
            }

            if (report.Complete || DateTime.UtcNow > giveUp)
            {
                return report;
            }

            await Task.Delay(PollInterval, cancellationToken);
            report = await connection.Client.GetCheckReportAsync(new CheckReportRequest { CheckId = report.CheckId }, cancellationToken: cancellationToken);
        }
    }

    private static void Tell(CliConsole console, bool json, CheckReport report, CheckTargetReport target, HashSet<string> told)
    {
        if (json)
        {
            return;
        }

        if (target.DeliveredAt is not null && told.Add(target.NodeId + "/delivered"))
        {
            console.Error.WriteLine($"incx: {target.NodeId} delivered after {ResponseTimes.After(target.DeliveredAt, report.SentAt)}.");
        }

        if (target.AcknowledgedAt is not null && told.Add(target.NodeId + "/acknowledged"))
        {
            console.Error.WriteLine($"incx: {target.NodeId} acknowledged after {ResponseTimes.After(target.AcknowledgedAt, report.SentAt)} by {target.AcknowledgedBy}.");
        }
    }

    private static int PrintHistory(CliConsole console, ListChecksReply reply, bool json)
    {
        if (json)
        {
            foreach (var report in reply.Checks)
            {
                JsonLines.Write(console.Output, report);
            }

            return ExitCodes.Success;
        }

        if (reply.Checks.Count == 0)
        {
            console.Output.WriteLine("This node has sent no communication checks.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("sent", "check", "timeout", "answers");
        foreach (var report in reply.Checks)
        {
            var answers = report.Targets.Select(t => $"{Markup.Escape(t.NodeId)}: {Outcome(report, t)}");
            table.AddRow(ContactTables.Utc(report.SentAt), report.CheckId, Durations.Format(report.Timeout.ToTimeSpan()), string.Join("\n", answers));
        }

        console.Rich.Write(table);
        return ExitCodes.Success;
    }

    private static Table Table(CheckReport report)
    {
        var table = new Table().AddColumns("node", "outcome", "delivered", "acknowledged", "by");
        foreach (var target in report.Targets)
        {
            table.AddRow(
                Markup.Escape(target.NodeId),
                Outcome(report, target),
                ResponseTimes.Cell(target.DeliveredAt, report.SentAt, "-"),
                ResponseTimes.Cell(target.AcknowledgedAt, report.SentAt, "-"),
                target.AcknowledgedBy.Length > 0 ? Markup.Escape(target.AcknowledgedBy) : "-");
        }

        return table;
    }

    private static string Outcome(CheckReport report, CheckTargetReport target) => target.Outcome switch
    {
        CheckOutcome.Acknowledged => $"[green]acknowledged[/] +{ResponseTimes.After(target.AcknowledgedAt, report.SentAt)}",
        CheckOutcome.Delivered => $"[yellow]delivered[/] +{ResponseTimes.After(target.DeliveredAt, report.SentAt)}, not acknowledged in time",
        CheckOutcome.NoAnswer => $"[red]no answer[/] within {Durations.Format(report.Timeout.ToTimeSpan())}" + (target.DeliveredAt is null ? "" : " (answered late)"),
        CheckOutcome.NotSent => $"[red]not sent[/]: {Markup.Escape(target.Detail)}",
        _ => "waiting",
    };
}
