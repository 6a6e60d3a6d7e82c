namespace IncidentExchange.Cli.Common;

/// <summary>Process exit codes of <c>incx</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The request failed (the message says why) or the command line was invalid.</summary>
    public const int Failure = 1;

    /// <summary><c>watch --timeout</c> ran out before the expected number of alerts arrived.</summary>
    public const int Timeout = 3;

    /// <summary><c>ping</c>: at least one target did not answer within the timeout (or could not be asked).</summary>
    public const int NoAnswer = 4;

    /// <summary><c>replay --check</c>: notices of some origin are missing here.</summary>
    public const int Gaps = 5;
}
