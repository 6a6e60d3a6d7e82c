using System.CommandLine;
using IncidentExchange.Core.Crypto;

namespace IncidentExchange.Cli.Common;

/// <summary>Finds the client token: <c>--token</c>, else <c>$INCX_TOKEN</c>, else the file of <c>--token-file</c> / <c>$INCX_TOKEN_FILE</c>.</summary>
internal static class ClientTokenSource
{
    /// <summary>The token to send, or null if none is given (anonymous services such as health still answer).</summary>
    public static string? Resolve(ParseResult parse)
    {
        if (parse.GetValue(GlobalOptions.Token) is { Length: > 0 } token)
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
