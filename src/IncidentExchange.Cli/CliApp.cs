using System.CommandLine;
using IncidentExchange.Cli.Commands;
using IncidentExchange.Cli.Common;

namespace IncidentExchange.Cli;

/// <summary>Builds and runs the <c>incx</c> command tree.</summary>
internal static class CliApp
{
    /// <summary>The root command with every verb; tests call this to run the CLI in-process.</summary>
    public static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand("incx: publish, watch and manage signed incident notices through your national node's gateway.");
        root.Options.Add(GlobalOptions.Gateway);
        root.Options.Add(GlobalOptions.Token);
        root.Options.Add(GlobalOptions.TokenFile);
        root.Options.Add(GlobalOptions.CaFile);
        root.Options.Add(GlobalOptions.Json);
        root.Subcommands.Add(KeysCommand.Create(console));
        root.Subcommands.Add(TokensCommand.Create(console));
        root.Subcommands.Add(PublishCommand.Create(console));
        root.Subcommands.Add(WatchCommand.Create(console));
        root.Subcommands.Add(AckCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(PingCommand.Create(console));
        root.Subcommands.Add(ReplayCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(SubscriptionsCommand.Create(console));
        root.Subcommands.Add(NodesCommand.Create(console));
        root.Subcommands.Add(ContactsCommand.Create(console));
        root.Subcommands.Add(HealthCommand.Create(console));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return BuildRootCommand(console).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
