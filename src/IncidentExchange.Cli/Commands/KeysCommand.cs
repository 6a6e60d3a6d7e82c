using System.CommandLine;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Cli.Common;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Cli.Commands;

/// <summary>
/// <c>incx keys generate --node ee --out keys/</c>: a new Ed25519 key pair for a node, offline.
/// <c>incx keys rotate</c> and <c>incx keys revoke</c> ask the gateway to change this node's keys in its published record.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var node = new Option<string>("--node") { Description = "Node id the key belongs to, e.g. ee.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write <node>.key.json (mode 0600) and <node>.pub.json into.", Required = true };
        var generate = new Command("generate", "Create a new signing key pair for a node.") { node, output };
        generate.SetAction(parse => Generate(console, parse, parse.GetRequiredValue(node), parse.GetRequiredValue(output)));

        return new Command("keys", "Manage a node's signing keys.") { generate, Rotate(console), Revoke(console) };
    }

    private static Command Rotate(CliConsole console)
    {
        var overlap = new Option<TimeSpan?>("--overlap")
        {
            Description = "How long the old key stays valid after the rotation, e.g. 24h (default: the gateway's Incx:Directory:RotationOverlap).",
            CustomParser = Durations.Parse,
        };
        var command = new Command("rotate", "Create a new signing key at the gateway, publish it and end the old key's validity after the overlap.") { overlap };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                // Left unset (0) when not given: the gateway then applies its configured overlap.
                var request = new RotateKeyRequest { Overlap = parse.GetValue(overlap) is { } value ? Duration.FromTimeSpan(value) : null };
                using var connection = GatewayConnection.From(parse);
                var reply = await connection.Directory.RotateKeyAsync(request, cancellationToken: cancellationToken);
                if (parse.GetValue(GlobalOptions.Json))
                {
                    JsonLines.Write(console.Output, reply);
                }
                else
                {
                    console.Output.WriteLine($"Rotated: new key {reply.NewKeyId}; old key {reply.OldKeyId} stays valid until {ContactTables.Utc(reply.OldKeyValidUntil)}.");
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Revoke(CliConsole console)
    {
        var keyId = new Argument<string>("key-id") { Description = "Id of one of this node's keys (incx contacts show <node> lists them)." };
        var reason = new Option<string>("--reason") { Description = "Why, on one line, e.g. compromised or superseded.", Required = true };
        var at = new Option<DateTimeOffset?>("--at")
        {
            Description = "From when the key is revoked, ISO 8601 such as 2025-06-01T08:00:00Z, UTC if no offset is given; may lie in the past (default: now).",
            CustomParser = Times.Parse,
        };
        var command = new Command("revoke", "Publish a record that marks one of this node's keys revoked.") { keyId, reason, at };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                var request = new RevokeKeyRequest
                {
                    KeyId = parse.GetRequiredValue(keyId),
                    Reason = parse.GetRequiredValue(reason),
                    RevokedAt = parse.GetValue(at) is { } value ? Timestamp.FromDateTimeOffset(value) : null,
                };
                using var connection = GatewayConnection.From(parse);
                var entry = await connection.Directory.RevokeKeyAsync(request, cancellationToken: cancellationToken);
                if (parse.GetValue(GlobalOptions.Json))
                {
                    JsonLines.Write(console.Output, entry);
                }
                else
                {
                    // The published record is the authority on time and reason; the request only fills gaps.
                    var key = entry.Record?.Keys.FirstOrDefault(k => k.KeyId == request.KeyId);
                    var from = key?.RevokedAt ?? request.RevokedAt;
                    var why = key is { RevocationReason.Length: > 0 } ? key.RevocationReason : request.Reason;
                    console.Output.WriteLine($"Revoked key {request.KeyId} from {(from is null ? "now" : ContactTables.Utc(from))} ({why}); record version {entry.Record?.Version ?? 0}.");
                }

                return ExitCodes.Success;
            });
        });
        return command;
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
