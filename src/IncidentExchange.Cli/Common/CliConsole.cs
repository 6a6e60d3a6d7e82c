using Spectre.Console;

namespace IncidentExchange.Cli.Common;

/// <summary>Where a verb writes: plain writers for JSON lines and errors, Spectre for human output.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Rich output (colours, tables) on <see cref="Output"/>; plain when it is not a terminal.</summary>
    public IAnsiConsole Rich { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    /// <summary>Writes one error sentence to <see cref="Error"/> and returns the failure exit code.</summary>
    public int Fail(string sentence)
    {
        Error.WriteLine("incx: " + sentence);
        return ExitCodes.Failure;
    }
}
