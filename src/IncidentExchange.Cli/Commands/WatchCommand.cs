using System.CommandLine;
using Grpc.Core;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx watch</c>: show verified alerts as they arrive at this node; with <c>--subscription</c>, from a durable
/// subscription (what arrived while nobody watched comes first, critical first), and with <c>--ack</c> each alert
/// shown is acknowledged.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliConsole console)
    {
        var minSeverity = new Option<string?>("--min-severity") { Description = "Show only alerts at or above low|medium|high|critical." };
        minSeverity.AcceptOnlyFromAmong([.. Labels.Severities.Keys]);
        var categories = new Option<string[]>("--category") { Description = "Show only these RSIT classes (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var origins = new Option<string[]>("--origin") { Description = "Show only alerts from these nodes (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var sectors = new Option<string[]>("--sector") { Description = "Show only alerts naming one of these sectors (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var subscription = new Option<string?>("--subscription") { Description = "Durable subscription name: alerts that arrived while nobody watched are delivered first; filters given the first time are kept." };
        var ack = new Option<bool>("--ack") { Description = "Acknowledge each alert once shown (needs --subscription)." };
        var by = new Option<string?>("--as") { Description = "Who acknowledges, for the origin's delivery status (default: $USER)." };
        var count = new Option<int?>("--count") { Description = "Exit 0 after this many alerts." };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Give up after this long (e.g. 60s, 5m); exit code 3 if fewer than --count alerts arrived.",
            CustomParser = result => Durations.Parse(result),
        };

        var command = new Command("watch", "Show verified alerts as they arrive at this node.") { minSeverity, categories, origins, sectors, subscription, ack, by, count, timeout };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                var request = new SubscribeRequest
                {
                    MinSeverity = parse.GetValue(minSeverity) is { } word ? Labels.Severities[word] : Severity.Unspecified,
                    Subscription = parse.GetValue(subscription) ?? "",
                };
                request.Categories.Add(parse.GetValue(categories) ?? []);
                request.Origins.Add(parse.GetValue(origins) ?? []);
                request.Sectors.Add(parse.GetValue(sectors) ?? []);
                if (parse.GetValue(ack) && request.Subscription.Length == 0)
                {
                    throw new CliException("--ack needs --subscription: only alerts of a durable subscription are acknowledged.");
                }

                var acknowledgeAs = parse.GetValue(ack) ? parse.GetValue(by) ?? Environment.UserName : null;
                using var connection = GatewayConnection.From(parse);
                return await WatchAsync(console, connection, request, acknowledgeAs, parse.GetValue(count), parse.GetValue(timeout), parse.GetValue(GlobalOptions.Json), cancellationToken);
            });
        });
        return command;
    }

    private static async Task<int> WatchAsync(CliConsole console, GatewayConnection connection, SubscribeRequest request, string? acknowledgeAs, int? count, TimeSpan? timeout, bool json, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        var seen = 0;
        try
        {
            using var call = connection.Client.Subscribe(request, cancellationToken: deadline.Token);
            // The gateway sends headers once the subscription is registered: from here on nothing is missed.
            await call.ResponseHeadersAsync;
            ThrowIfRefused(call);
            console.Error.WriteLine(request.Subscription.Length > 0
                ? $"incx: watching {connection.Address} for alerts (subscription {request.Subscription})."
                : $"incx: watching {connection.Address} for alerts.");
            await foreach (var alert in call.ResponseStream.ReadAllAsync(deadline.Token))
            {
                Print(console, json, alert);
                if (acknowledgeAs is not null)
                {
                    await connection.Client.AcknowledgeAsync(Acknowledgement(alert, request.Subscription, acknowledgeAs), cancellationToken: deadline.Token);
                }

                if (++seen == count)
                {
                    return ExitCodes.Success;
                }
            }

            return console.Fail("The gateway ended the stream.");
        }
        catch (Exception ex) when (IsTimeout(ex, deadline, cancellationToken))
        {
            console.Error.WriteLine(count is null
                ? $"incx: {seen} alert(s) in {Durations.Format(timeout!.Value)}."
                : $"incx: only {seen} of {count} alert(s) arrived within {Durations.Format(timeout!.Value)}.");
            return count is null ? ExitCodes.Success : ExitCodes.Timeout;
        }
    }

    // A refused subscribe (name taken, other filters) is a trailers-only response: headers, then the call is over.
    private static void ThrowIfRefused(AsyncServerStreamingCall<Alert> call)
    {
        Grpc.Core.Status status;
        try
        {
            status = call.GetStatus();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            throw new RpcException(status);
        }
    }

    // A notice is acknowledged by origin, id and revision; a check by its id.
    private static AcknowledgeRequest Acknowledgement(Alert alert, string subscription, string by) => alert.Check is { } check
        ? new AcknowledgeRequest { Subscription = subscription, NoticeId = check.CheckId, Origin = check.Origin, AcknowledgedBy = by }
        : new AcknowledgeRequest { Subscription = subscription, NoticeId = alert.Notice.NoticeId, Origin = alert.Notice.Origin, Revision = alert.Notice.Revision, AcknowledgedBy = by };

    private static bool IsTimeout(Exception ex, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
        && (ex is OperationCanceledException || (ex is RpcException rpc && rpc.StatusCode == StatusCode.Cancelled));

    private static void Print(CliConsole console, bool json, Alert alert)
    {
        if (json)
        {
            JsonLines.Write(console.Output, alert);
            return;
        }

        var received = alert.ReceivedAt.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        if (alert.Check is { } check)
        {
            // A drill: a person is asked to answer; 'incx ack <check-id>' (or --ack) answers it.
            console.Rich.MarkupLine(
                $"{received} [blue]CHECK   [/] from {Markup.Escape(check.Origin)}  [bold]{Markup.Escape(check.Text)}[/]  " +
                $"(check {check.CheckId}, signature verified; answer with: incx ack {check.CheckId} --subscription {Markup.Escape(alert.Subscription.Length > 0 ? alert.Subscription : "<name>")})");
            return;
        }

        var n = alert.Notice;
        var colour = n.Severity switch { Severity.Critical => "red", Severity.High => "darkorange", Severity.Medium => "yellow", _ => "grey" };
        if (alert.Reminder)
        {
            // The reminder request is an unsigned hint; the notice under it is the verified original.
            console.Rich.MarkupLine($"{received} [red]REMINDER[/] shown again: a re-alert says nobody here acknowledged this critical notice within {Markup.Escape(n.Origin)}'s deadline.");
        }

        console.Rich.MarkupLine(
            $"{received} [{colour}]{Labels.Word(n.Severity).ToUpperInvariant(),-8}[/] TLP:{Labels.Word(n.Tlp).ToUpperInvariant(),-12} " +
            $"{Markup.Escape(n.Origin)}#{n.Sequence} {Markup.Escape(n.Category)}  [bold]{Markup.Escape(n.Title)}[/]  " +
            $"(id {n.NoticeId} rev {n.Revision}, {(alert.SignatureVerified ? "signature verified" : "[red]SIGNATURE NOT VERIFIED[/]")}, key {Markup.Escape(alert.KeyId[..Math.Min(8, alert.KeyId.Length)])})" +
            (alert.Redelivered ? " [yellow]still pending: shown before, not acknowledged[/]" : ""));
    }
}
