using Spectre.Console;

namespace IncidentExchange.Cli.Common;

/// <summary>Where a verb writes: plain writers for JSON lines and errors, Spectre for human output.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Rich output (colours, tables) on <see cref="Output"/>; plain when it is not a terminal.</summary>
    public IAnsiConsole Rich { get; } = CreateRich(output);

    /// <summary>True when output goes to a program or file rather than a terminal.</summary>
    public bool IsPiped { get; } = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected;

    private static IAnsiConsole CreateRich(TextWriter output)
    {
        var piped = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected;
        // Piped or captured output is read by programs (grep, logs, tests): no escape codes in it.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = piped ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = piped ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (piped)
        {
            // One alert per line, never wrapped at 80 columns.
            console.Profile.Width = 4096;
        }

        return console;
    }

    /// <summary>Writes one error sentence to <see cref="Error"/> and returns the failure exit code.</summary>
    public int Fail(string sentence)
    {
        Error.WriteLine("incx: " + sentence);
        return ExitCodes.Failure;
    }
}
