using Google.Rpc;
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
        catch (RpcException ex) when (ex.Status.DebugException?.GetBaseException() is System.Security.Authentication.AuthenticationException tls)
        {
            return console.Fail($"The certificate of the gateway at {gateway} is not trusted ({tls.Message.TrimEnd('.')}); pass --ca-file (or INCX_CA_FILE) with the CA that signed it.");
        }
        catch (RpcException ex) when (ex.Status.DebugException is not null && ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
        {
            // A debug exception means the client failed locally (connection refused, not HTTP/2, ...):
            // the gateway never answered, so the status detail is only the client library's wording.
            return console.Fail($"Cannot talk to the gateway at {gateway}; is it running and serving gRPC there? ({ex.Status.DebugException.GetBaseException().Message.TrimEnd('.')})");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
            return console.Fail("Cancelled.");
        }
        catch (RpcException ex)
        {
            return console.Fail($"{Sentence(ex.Status.Detail)}{UnsaidViolations(ex)} ({ex.StatusCode})");
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

    // The field violations of the status details (google.rpc.BadRequest) that its sentence does not already say: the
    // incx gateway's sentence lists them all, so this adds only what a gateway put in the details alone.
    private static string UnsaidViolations(RpcException ex)
    {
        var unsaid = ex.Trailers.GetRpcStatus(ignoreParseError: true)?.GetDetail<BadRequest>()?.FieldViolations
            .Where(v => !ex.Status.Detail.Contains(v.Description, StringComparison.Ordinal))
            .Select(v => $"{v.Field}: {v.Description.TrimEnd('.')}")
            .ToArray() ?? [];
        return unsaid.Length == 0 ? "" : $" ({string.Join("; ", unsaid)})";
    }
}
