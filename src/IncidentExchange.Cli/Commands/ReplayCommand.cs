using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx replay</c>: what this node sent and received, from its history, each envelope verified again. On a terminal a
/// progress bar (count, rate, time left) and a summary; piped, one plain line per envelope; <c>--json</c>, one JSON object each.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console)
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Stored at or after this time (ISO 8601, or a duration ago such as 24h).", CustomParser = Times.Parse };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Stored before this time.", CustomParser = Times.Parse };
        var origin = new Option<string?>("--origin") { Description = "Only envelopes signed by this node." };
        var fromSequence = new Option<ulong>("--from-seq") { Description = "Only notices of --origin from this sequence number on." };
        var toSequence = new Option<ulong>("--to-seq") { Description = "Only notices of --origin up to this sequence number." };
        var offset = new Option<long?>("--offset") { Description = "Start at this history offset (printed with every item) instead of --since." };
        var kinds = new Option<string[]>("--kind") { Description = "Only notice, record, receipt or check (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var minSeverity = new Option<string?>("--min-severity") { Description = "Only notices at or above low|medium|high|critical." };
        minSeverity.AcceptOnlyFromAmong([.. Labels.Severities.Keys]);
        var categories = new Option<string[]>("--category") { Description = "Only notices of these RSIT classes (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var tlp = new Option<string[]>("--tlp") { Description = "Only notices with these TLP labels (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        tlp.AcceptOnlyFromAmong([.. Labels.TlpLabels.Keys]);
        var check = new Option<bool>("--check") { Description = "Report, per origin (or --origin), the sequence ranges of notices this node is missing." };
        var resend = new Option<bool>("--resend") { Description = "With --check: ask each origin to send the missing ranges again." };
        var command = new Command("replay", "Replay what this node sent and received, from its history, each envelope verified again.")
        {
            since, until, origin, fromSequence, toSequence, offset, kinds, minSeverity, categories, tlp, check, resend,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(GlobalOptions.Gateway)!, async () =>
        {
            if (parse.GetValue(check))
            {
                using var gaps = GatewayConnection.From(parse);
                return await GapCheck.RunAsync(console, gaps, parse.GetValue(origin) ?? "", parse.GetValue(resend), parse.GetValue(GlobalOptions.Json), cancellationToken);
            }

            if (parse.GetValue(resend))
            {
                throw new CliException("--resend goes with --check: it asks for the ranges the check finds.");
            }

            var request = new ReplayRequest
            {
                Since = parse.GetValue(since) is { } s ? Timestamp.FromDateTimeOffset(s) : null,
                Until = parse.GetValue(until) is { } u ? Timestamp.FromDateTimeOffset(u) : null,
                Origin = parse.GetValue(origin) ?? "",
                FromSequence = parse.GetValue(fromSequence),
                ToSequence = parse.GetValue(toSequence),
                MinSeverity = parse.GetValue(minSeverity) is { } word ? Labels.Severities[word] : Severity.Unspecified,
            };
            if (parse.GetValue(offset) is { } start)
            {
                request.FromOffset = start;
            }

            request.Kinds.Add(parse.GetValue(kinds) ?? []);
            request.Categories.Add(parse.GetValue(categories) ?? []);
            request.Tlp.Add((parse.GetValue(tlp) ?? []).Select(t => Labels.TlpLabels[t]));
            using var connection = GatewayConnection.From(parse);
            using var call = new Contracts.V1.History.HistoryClient(connection.Channel).Replay(request, cancellationToken: cancellationToken);
            var headers = await call.ResponseHeadersAsync;
            var size = long.TryParse(headers.GetValue("incx-history-size"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
            var tally = new ReplayTally();
            if (parse.GetValue(GlobalOptions.Json) || console.IsPiped)
            {
                var json = parse.GetValue(GlobalOptions.Json);
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    tally.Add(item);
                    if (json)
                    {
                        JsonLines.Write(console.Output, item);
                    }
                    else
                    {
                        console.Output.WriteLine(ReplayLines.Plain(item));
                    }
                }
            }
            else
            {
                await ShowProgressAsync(console, call, size, tally, cancellationToken);
                console.Rich.Write(tally.Summary());
            }

            console.Error.WriteLine($"incx: {tally.Count} envelope(s) replayed, {tally.Failed} failed verification.");
            return tally.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    // A terminal gets a live bar (done, rate, time left); the items that fail verification are listed after it.
    private static Task ShowProgressAsync(CliConsole console, AsyncServerStreamingCall<ReplayItem> call, long? size, ReplayTally tally, CancellationToken cancellationToken) =>
        console.Rich.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("replaying", maxValue: Math.Max(1, size ?? 1));
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    tally.Add(item);
                    // The size is the broker's estimate when the replay began: never let the bar claim more than it knows.
                    task.MaxValue = Math.Max(task.MaxValue, tally.Count + 1);
                    task.Increment(1);
                }

                task.Value = task.MaxValue;
            });
}
