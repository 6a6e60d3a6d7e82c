using System.CommandLine;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Cli.Common;

/// <summary>Finds the client token: <c>--token</c>, else <c>--token-file</c>, else <c>$INCX_TOKEN</c>, else <c>$INCX_TOKEN_FILE</c>.</summary>
internal static class ClientTokenSource
{
    /// <summary>The token to send, or null if none is given (anonymous services such as health still answer).</summary>
    public static string? Resolve(ParseResult parse)
    {
        // What the command line says wins over the environment: --token, --token-file, $INCX_TOKEN, $INCX_TOKEN_FILE.
        var explicitFile = parse.GetResult(GlobalOptions.TokenFile) is { Implicit: false };
        var explicitToken = parse.GetResult(GlobalOptions.Token) is { Implicit: false };
        if ((explicitToken || !explicitFile) && parse.GetValue(GlobalOptions.Token) is { Length: > 0 } token)
        {
            return token.Trim();
        }

        if (parse.GetValue(GlobalOptions.TokenFile) is not { Length: > 0 } path)
        {
            return null;
        }

        // A token is a password to the gateway: a file others can read is refused, as a private key file is.
        SecretFiles.RequirePrivate(path, "Token file");
        var text = File.ReadAllText(path).Trim();
        return text.Length > 0 ? text : throw new CliException($"Token file {path} is empty.");
    }
}
