using System.CommandLine;
using System.Globalization;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx subscriptions list|delete</c>: this node's durable subscriptions.</summary>
internal static class SubscriptionsCommand
{
    public static Command Create(CliConsole console)
    {
        var list = new Command("list", "Every durable subscription of this node: filters, pending alerts, whether a client is connected.");
        list.SetAction((parse, cancellationToken) => Run(console, parse, async connection =>
        {
            var reply = await connection.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), cancellationToken: cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                foreach (var subscription in reply.Subscriptions)
                {
                    JsonLines.Write(console.Output, subscription);
                }

                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("name", "min severity", "categories", "origins", "sectors", "pending", "connected");
            foreach (var s in reply.Subscriptions)
            {
                table.AddRow(
                    Markup.Escape(s.Name),
                    s.MinSeverity == Severity.Unspecified ? "any" : Labels.Word(s.MinSeverity),
                    Any(s.Categories), Any(s.Origins), Any(s.Sectors),
                    s.Pending.ToString(CultureInfo.InvariantCulture),
                    s.Connected ? "yes" : "no");
            }

            console.Rich.Write(table);
            return ExitCodes.Success;
        }));

        var name = new Argument<string>("name") { Description = "The subscription to delete, with every alert pending in it." };
        var delete = new Command("delete", "Delete a durable subscription and the alerts pending in it.") { name };
        delete.SetAction((parse, cancellationToken) => Run(console, parse, async connection =>
        {
            var reply = await connection.Client.DeleteSubscriptionAsync(new DeleteSubscriptionRequest { Name = parse.GetRequiredValue(name) }, cancellationToken: cancellationToken);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonLines.Write(console.Output, reply);
            }
            else
            {
                console.Output.WriteLine($"Deleted subscription '{parse.GetRequiredValue(name)}' ({reply.PendingDropped} pending alert(s) dropped).");
            }

            return ExitCodes.Success;
        }));

        return new Command("subscriptions", "Durable subscriptions of crisis contact points at this node.") { list, delete };
    }

    private static Task<int> Run(CliConsole console, ParseResult parse, Func<GatewayConnection, Task<int>> action) =>
        CliErrors.RunAsync(console, parse.GetValue(GlobalOptions.Gateway)!, async () =>
        {
            using var connection = GatewayConnection.From(parse);
            return await action(connection);
        });

    private static string Any(IEnumerable<string> values) => values.Any() ? Markup.Escape(string.Join(", ", values)) : "any";
}
