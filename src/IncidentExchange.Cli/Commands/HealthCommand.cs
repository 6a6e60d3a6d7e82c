using System.CommandLine;
using Grpc.Health.V1;
using IncidentExchange.Cli.Common;

namespace IncidentExchange.Cli.Commands;

/// <summary><c>incx health</c>: is the gateway serving (broker reachable, inbox consuming)? Exit 0 if so; for scripts and operators.</summary>
internal static class HealthCommand
{
    public static Command Create(CliConsole console)
    {
        var wait = new Option<TimeSpan?>("--wait")
        {
            Description = "Keep asking until the gateway is serving or this long has passed (e.g. 60s).",
            CustomParser = Durations.Parse,
        };
        var command = new Command("health", "Check that the gateway is serving: broker reachable and inbox consuming.") { wait };
        command.SetAction((parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(GlobalOptions.Gateway)!;
            return CliErrors.RunAsync(console, gateway, async () =>
            {
                using var connection = GatewayConnection.From(parse);
                var client = new Health.HealthClient(connection.Channel);
                var deadline = DateTime.UtcNow + (parse.GetValue(wait) ?? TimeSpan.Zero);
                while (true)
                {
                    var status = await CheckAsync(client, DateTime.UtcNow < deadline, cancellationToken);
                    if (status == HealthCheckResponse.Types.ServingStatus.Serving || DateTime.UtcNow >= deadline)
                    {
                        return Report(console, parse.GetValue(GlobalOptions.Json), connection.Address, status);
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            });
        });
        return command;
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus?> CheckAsync(Health.HealthClient client, bool tolerateUnreachable, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken)).Status;
        }
        catch (Grpc.Core.RpcException) when (tolerateUnreachable)
        {
            // Still starting: not listening yet. Asked again until --wait runs out.
            return null;
        }
    }

    private static int Report(CliConsole console, bool json, Uri address, HealthCheckResponse.Types.ServingStatus? status)
    {
        var word = status switch
        {
            HealthCheckResponse.Types.ServingStatus.Serving => "serving",
            null => "unreachable",
            _ => "not serving",
        };
        if (json)
        {
            console.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { gateway = address.ToString(), status = word }));
        }
        else
        {
            console.Output.WriteLine($"{address}: {word}");
        }

        return status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Success : ExitCodes.Failure;
    }
}
