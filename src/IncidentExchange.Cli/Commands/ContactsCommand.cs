using System.CommandLine;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx contacts list|show|publish</c>: the points-of-contact directory held by this node's gateway.</summary>
internal static class ContactsCommand
{
    public static Command Create(CliConsole console) =>
        new("contacts", "Read the points-of-contact directory and publish this node's record.") { List(console), Show(console), Publish(console) };

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "Every node this node knows: organisation, crisis contact, record version, keys valid now.");
        SetAction(command, console, async (parse, connection, json, cancellationToken) =>
        {
            var reply = await connection.Directory.ListContactsAsync(new ListContactsRequest(), cancellationToken: cancellationToken);
            if (json)
            {
                foreach (var entry in reply.Entries)
                {
                    JsonLines.Write(console.Output, entry);
                }
            }
            else
            {
                console.Rich.Write(ContactTables.List(reply.Entries, DateTimeOffset.UtcNow));
            }
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var node = new Argument<string>("node") { Description = "Node id, e.g. fr." };
        var history = new Option<bool>("--history") { Description = "List every version of the node's record this node accepted, oldest first." };
        var command = new Command("show", "One node in detail: record, contacts, keys and their state now.") { node, history };
        SetAction(command, console, async (parse, connection, json, cancellationToken) =>
        {
            var nodeId = parse.GetRequiredValue(node);
            if (!NodeIds.IsValid(nodeId))
            {
                throw new CliException($"'{nodeId}' is not a valid node id ({NodeIds.Rule}).");
            }

            var request = new GetContactRequest { NodeId = nodeId };
            if (parse.GetValue(history))
            {
                var reply = await connection.Directory.GetContactHistoryAsync(request, cancellationToken: cancellationToken);
                PrintHistory(console, json, nodeId, reply);
                return;
            }

            var entry = await connection.Directory.GetContactAsync(request, cancellationToken: cancellationToken);
            if (json)
            {
                JsonLines.Write(console.Output, entry);
            }
            else
            {
                console.Rich.Write(ContactTables.Entry(entry, DateTimeOffset.UtcNow));
            }
        });
        return command;
    }

    private static Command Publish(CliConsole console)
    {
        var file = new Option<string>("--file") { Description = "JSON file with organisation, country and contacts (see README, \"contacts publish\").", Required = true };
        var command = new Command("publish", "Publish a new version of this node's record with the contacts of a JSON file; keys stay as they are.") { file };
        SetAction(command, console, async (parse, connection, json, cancellationToken) =>
        {
            var request = ContactFile.Load(parse.GetRequiredValue(file));
            var reply = await connection.Directory.PublishContactsAsync(request, cancellationToken: cancellationToken);
            var entry = reply.Entry;
            if (json)
            {
                JsonLines.Write(console.Output, reply);
            }
            else if (reply.Unchanged)
            {
                console.Output.WriteLine($"Unchanged: version {entry.Record?.Version ?? 0} of {entry.NodeId}'s record already has these details; nothing was published.");
            }
            else
            {
                console.Output.WriteLine($"Published version {entry.Record?.Version ?? 0} of {entry.NodeId}'s record.");
            }
        });
        return command;
    }

    private static void PrintHistory(CliConsole console, bool json, string nodeId, ContactHistoryReply reply)
    {
        if (json)
        {
            foreach (var version in reply.Versions)
            {
                JsonLines.Write(console.Output, version);
            }
        }
        else if (reply.Versions.Count == 0)
        {
            console.Output.WriteLine($"No record of {nodeId} accepted yet.");
        }
        else
        {
            console.Rich.Write(ContactTables.History(reply.Versions));
        }
    }

    // The shared frame of the three verbs: errors as one sentence, one connection per run, exit 0 when the verb returns.
    private static void SetAction(Command command, CliConsole console, Func<ParseResult, GatewayConnection, bool, CancellationToken, Task> verb) =>
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                using var connection = GatewayConnection.From(parse);
                await verb(parse, connection, parse.GetValue(GlobalOptions.Json), cancellationToken);
                return ExitCodes.Success;
            });
        });
}
