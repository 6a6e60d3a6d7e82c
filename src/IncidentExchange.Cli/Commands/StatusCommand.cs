using System.CommandLine;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx status &lt;notice-id&gt;</c>: at the origin, who has a notice and who acknowledged it.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var noticeId = new Argument<string>("notice-id") { Description = "A notice this node published." };
        var revision = new Option<uint>("--revision") { Description = "That revision (default: the latest published)." };
        var command = new Command("status", "Show, per intended recipient, when a notice was delivered and acknowledged (and by whom).") { noticeId, revision };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(GlobalOptions.Gateway)!, async () =>
        {
            using var connection = GatewayConnection.From(parse);
            var reply = await connection.Client.GetDeliveryStatusAsync(
                new DeliveryStatusRequest { NoticeId = parse.GetRequiredValue(noticeId), Revision = parse.GetValue(revision) },
                cancellationToken: cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonLines.Write(console.Output, reply);
                return ExitCodes.Success;
            }

            console.Output.WriteLine($"Notice {reply.NoticeId} revision {reply.Revision} (sequence {reply.Sequence}), published {ContactTables.Utc(reply.PublishedAt)}" +
                (reply.AcknowledgeBy is null ? ":" : $"; critical: to be acknowledged by {ContactTables.Utc(reply.AcknowledgeBy)}:"));
            var table = new Table().AddColumns("node", "delivered", "acknowledged", "by", "deadline");
            foreach (var r in reply.Recipients)
            {
                table.AddRow(
                    Markup.Escape(r.NodeId),
                    ResponseTimes.Cell(r.DeliveredAt, reply.PublishedAt, "[yellow]pending[/]"),
                    ResponseTimes.Cell(r.AcknowledgedAt, reply.PublishedAt, "[yellow]pending[/]"),
                    r.AcknowledgedBy.Length > 0 ? Markup.Escape(r.AcknowledgedBy) : "-",
                    Deadline(reply, r));
            }

            console.Rich.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Deadline(DeliveryStatusReply reply, RecipientStatus recipient) =>
        reply.AcknowledgeBy is null ? "-"
        : !recipient.Overdue ? recipient.AcknowledgedAt is null ? "waiting" : "[green]met[/]"
        : "[red]OVERDUE[/]" + (recipient.RealertedAt is null ? "" : $", re-alerted {ContactTables.Utc(recipient.RealertedAt)}");
}
