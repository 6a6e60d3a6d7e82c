using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
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

            console.Output.WriteLine($"Notice {reply.NoticeId} revision {reply.Revision} (sequence {reply.Sequence}), published {ContactTables.Utc(reply.PublishedAt)}:");
            var table = new Table().AddColumns("node", "delivered", "acknowledged", "by");
            foreach (var r in reply.Recipients)
            {
                table.AddRow(Markup.Escape(r.NodeId), When(r.DeliveredAt, reply.PublishedAt), When(r.AcknowledgedAt, reply.PublishedAt), r.AcknowledgedBy.Length > 0 ? Markup.Escape(r.AcknowledgedBy) : "-");
            }

            console.Rich.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    // The time, and how long after publishing: response times are what a CERT is measured by.
    private static string When(Timestamp? at, Timestamp published) =>
        at is null ? "[yellow]pending[/]" : $"{ContactTables.Utc(at)} (+{Seconds(at.ToDateTimeOffset() - published.ToDateTimeOffset())})";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
