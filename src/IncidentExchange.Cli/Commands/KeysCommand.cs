using System.CommandLine;
using System.Text.Json;
using IncidentExchange.Cli.Common;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx keys generate --node ee --out keys/</c>: a new Ed25519 key pair for a node.</summary>
internal static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var node = new Option<string>("--node") { Description = "Node id the key belongs to, e.g. ee.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write <node>.key.json (mode 0600) and <node>.pub.json into.", Required = true };
        var generate = new Command("generate", "Create a new signing key pair for a node.") { node, output };
        generate.SetAction(parse => Generate(console, parse, parse.GetRequiredValue(node), parse.GetRequiredValue(output)));

        return new Command("keys", "Manage a node's signing keys.") { generate };
    }

    private static int Generate(CliConsole console, ParseResult parse, string nodeId, string directory)
    {
        if (!NodeIds.IsValid(nodeId))
        {
            return console.Fail($"'{nodeId}' is not a valid node id ({NodeIds.Rule}).");
        }

        try
        {
            using var key = SigningKey.Generate();
            var (privatePath, publicPath) = KeyFiles.Write(directory, nodeId, key);
            if (parse.GetValue(GlobalOptions.Json))
            {
                console.Output.WriteLine(JsonSerializer.Serialize(new { node = nodeId, key_id = key.KeyId, private_key_file = privatePath, public_key_file = publicPath }));
            }
            else
            {
                console.Output.WriteLine($"Key {key.KeyId} for node {nodeId}:");
                console.Output.WriteLine($"  private: {privatePath} (keep it secret; mode 0600)");
                console.Output.WriteLine($"  public:  {publicPath} (give it to your peers to pin)");
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is KeyFileException or IOException or UnauthorizedAccessException)
        {
            return console.Fail(ex.Message);
        }
    }
}
