using System.CommandLine;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx ack &lt;id&gt; --subscription crisis</c>: acknowledge an alert (a notice, or a communication check) pending in a durable subscription.</summary>
internal static class AckCommand
{
    public static Command Create(CliConsole console)
    {
        var noticeId = new Argument<string>("id") { Description = "The notice to acknowledge (every pending revision unless --revision), or the check id of a communication check to answer." };
        var subscription = new Option<string>("--subscription") { Description = "The durable subscription it is pending in (a watch must be connected to it).", Required = true };
        var origin = new Option<string?>("--origin") { Description = "Origin node of the notice, if the id alone is ambiguous." };
        var revision = new Option<uint>("--revision") { Description = "Only this revision (default: every pending revision)." };
        var by = new Option<string?>("--as") { Description = "Who acknowledges, for the origin's delivery status (default: $USER)." };
        var command = new Command("ack", "Acknowledge an alert of a durable subscription.") { noticeId, subscription, origin, revision, by };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                using var connection = GatewayConnection.From(parse);
                var request = new AcknowledgeRequest
                {
                    Subscription = parse.GetRequiredValue(subscription),
                    NoticeId = parse.GetRequiredValue(noticeId),
                    Origin = parse.GetValue(origin) ?? "",
                    Revision = parse.GetValue(revision),
                    AcknowledgedBy = parse.GetValue(by) ?? Environment.UserName,
                };
                var reply = await connection.Client.AcknowledgeAsync(request, cancellationToken: cancellationToken);
                if (parse.GetValue(GlobalOptions.Json))
                {
                    JsonLines.Write(console.Output, reply);
                    return ExitCodes.Success;
                }

                if (reply.Acknowledged == 0)
                {
                    return console.Fail($"Nothing with id {request.NoticeId} is pending at the client connected to subscription '{request.Subscription}'.");
                }

                console.Output.WriteLine($"Acknowledged {reply.Acknowledged} pending alert(s) with id {request.NoticeId} in subscription '{request.Subscription}'.");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
