using System.CommandLine;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using Spectre.Console;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx nodes</c>: this node and its peers, with the state of each federation link.</summary>
internal static class NodesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("nodes", "Show this node and its peers: federation link state, pinned keys, communities.");
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                using var connection = GatewayConnection.From(parse);
                var reply = await connection.Client.ListNodesAsync(new ListNodesRequest(), cancellationToken: cancellationToken);
                if (parse.GetValue(GlobalOptions.Json))
                {
                    foreach (var node in reply.Nodes)
                    {
                        JsonLines.Write(console.Output, node);
                    }
                }
                else
                {
                    console.Rich.Write(Table(reply));
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Table Table(ListNodesReply reply)
    {
        var table = new Table().AddColumns("node", "link", "keys", "communities");
        foreach (var node in reply.Nodes)
        {
            table.AddRow(
                Markup.Escape(node.NodeId) + (node.Self ? " (this node)" : ""),
                node.Self ? "-" : Link(node.Link),
                Markup.Escape(string.Join(" ", node.KeyIds.Select(k => k[..8]))),
                Markup.Escape(string.Join(", ", node.Communities)));
        }

        return table;
    }

    private static string Link(LinkState state) => state switch
    {
        LinkState.Running => "[green]running[/]",
        LinkState.Starting => "[yellow]starting[/]",
        LinkState.Down => "[red]down[/]",
        _ => "[grey]unknown[/]",
    };
}
