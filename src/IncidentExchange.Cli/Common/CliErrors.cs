using Grpc.Core;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Cli.Common;

/// <summary>Runs a verb and turns every expected failure into one sentence and a non-zero exit code.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(CliConsole console, string gateway, Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is not null)
        {
            return console.Fail($"Cannot reach the gateway at {gateway}; is it running? ({ex.Status.DebugException.GetBaseException().Message.TrimEnd('.')})");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            return console.Fail("Cancelled.");
        }
        catch (RpcException ex)
        {
            return console.Fail($"{Sentence(ex.Status.Detail)} ({ex.StatusCode})");
        }
        catch (Exception ex) when (ex is CliException or KeyFileException or IOException or UnauthorizedAccessException)
        {
            return console.Fail(Sentence(ex.Message));
        }
        catch (OperationCanceledException)
        {
            return console.Fail("Cancelled.");
        }
    }

    private static string Sentence(string text) => text.Length == 0 ? "The gateway gave no reason." : text;
}
