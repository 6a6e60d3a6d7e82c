namespace IncidentExchange.Cli.Common;

/// <summary>A user error the CLI reports as one sentence.</summary>
internal sealed class CliException(string message) : Exception(message);
