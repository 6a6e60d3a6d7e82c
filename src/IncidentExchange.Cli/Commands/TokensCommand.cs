using System.CommandLine;
using System.Text;
using System.Text.Json;
using IncidentExchange.Cli.Common;
using IncidentExchange.Core.Access;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx tokens create --node ee --client duty-desk --role contact-point --out duty-desk.token</c>: a new
/// client token, offline. The token goes into a 0600 file for the client; the gateway gets only its hash.
/// </summary>
internal static class TokensCommand
{
    public static Command Create(CliConsole console)
    {
        var node = new Option<string>("--node") { Description = "Node whose gateway will accept the token, e.g. ee.", Required = true };
        var client = new Option<string>("--client") { Description = "Name of the client in the gateway's configuration and logs, e.g. duty-desk.", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "A role of the client: publisher, contact-point or operator (repeat, or separate with commas).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out") { Description = "File to write the token into (created with mode 0600; never overwritten).", Required = true };
        var create = new Command("create", "Create a client token and print the gateway settings that accept it.") { node, client, roles, output };
        create.SetAction(parse => CreateToken(console, parse, parse.GetRequiredValue(node), parse.GetRequiredValue(client), parse.GetRequiredValue(roles), parse.GetRequiredValue(output)));
        return new Command("tokens", "Manage the client tokens of a node's gateway.") { create };
    }

    private static int CreateToken(CliConsole console, ParseResult parse, string nodeId, string clientName, string[] roleWords, string path)
    {
        if (!NodeIds.IsValid(nodeId))
        {
            return console.Fail($"'{nodeId}' is not a valid node id ({NodeIds.Rule}).");
        }

        if (!NodeIds.IsValid(clientName))
        {
            return console.Fail($"'{clientName}' is not a valid client name ({NodeIds.Rule}).");
        }

        if (!ClientRoleNames.TryParse(string.Join(',', roleWords), out var roles, out var unknown))
        {
            return console.Fail($"'{unknown}' is not a role ({ClientRoleNames.All}).");
        }

        if (roles == ClientRoles.None)
        {
            return console.Fail($"Name at least one role ({ClientRoleNames.All}).");
        }

        var token = ClientTokens.Create(nodeId);
        try
        {
            SecretFiles.CreateNew(path, stream => stream.Write(Encoding.UTF8.GetBytes(token + "\n")));
        }
        catch (IOException ex) when (File.Exists(path))
        {
            return console.Fail($"Refusing to overwrite the existing file {path} ({ex.Message.TrimEnd('.')}).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return console.Fail($"Cannot write the token file {path}: {ex.Message.TrimEnd('.')}.");
        }

        var hash = ClientTokens.Hash(token);
        var roleList = ClientRoleNames.Format(roles).Replace(" ", "", StringComparison.Ordinal);
        var settings = new[] { $"Incx:Clients:{clientName}:TokenHash={hash}", $"Incx:Clients:{clientName}:Roles={roleList}" };
        if (parse.GetValue(GlobalOptions.Json))
        {
            console.Output.WriteLine(JsonSerializer.Serialize(new { node = nodeId, client = clientName, roles = roleList, token_file = Path.GetFullPath(path), token_hash = hash, settings }));
            return ExitCodes.Success;
        }

        console.Output.WriteLine($"Token of client {clientName} ({ClientRoleNames.Format(roles)}) for node {nodeId} written to {path} (mode 0600; give it only to that client).");
        console.Output.WriteLine($"Add to the configuration of {nodeId}'s gateway (environment variables: replace ':' by '__'):");
        foreach (var line in settings)
        {
            console.Output.WriteLine("  " + line);
        }

        return ExitCodes.Success;
    }
}
