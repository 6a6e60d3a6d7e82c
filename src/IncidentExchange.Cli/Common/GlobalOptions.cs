using System.CommandLine;

namespace IncidentExchange.Cli.Common;

/// <summary>Options every verb accepts.</summary>
internal static class GlobalOptions
{
    /// <summary>Default gateway: the first node of deploy/local.</summary>
    public const string DefaultGateway = "http://127.0.0.1:7101";

    public static readonly Option<string> Gateway = new("--gateway")
    {
        Description = "Gateway address (default: $INCX_GATEWAY, else " + DefaultGateway + ").",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INCX_GATEWAY") is { Length: > 0 } fromEnv ? fromEnv : DefaultGateway,
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Client token sent to the gateway (default: $INCX_TOKEN, else the --token-file). A token on the command line is visible to other users of this machine; prefer a file.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INCX_TOKEN"),
    };

    public static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = "File holding the client token, readable only by you (mode 0600; default: $INCX_TOKEN_FILE).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INCX_TOKEN_FILE"),
    };

    public static readonly Option<string?> CaFile = new("--ca-file")
    {
        Description = "PEM file of the certificate authority that signed an https gateway's certificate, when it is not one the system trusts (default: $INCX_CA_FILE).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("INCX_CA_FILE"),
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object per line instead of human output.",
        Recursive = true,
    };
}
