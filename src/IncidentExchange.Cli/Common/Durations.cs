using System.CommandLine.Parsing;
using System.Globalization;

namespace IncidentExchange.Cli.Common;

/// <summary>Durations on the command line: <c>90</c> (seconds), <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>.</summary>
internal static class Durations
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (TryParse(text) is { } value)
        {
            return value;
        }

        result.AddError($"'{text}' is not a duration such as 30s, 5m, 1h or 7d.");
        return null;
    }

    /// <summary>The duration <paramref name="text"/> names, or null if it names none.</summary>
    public static TimeSpan? TryParse(string text)
    {
        var (number, unit) = text.Length > 0 && char.IsLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 's');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return null;
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => null,
        };
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds < 120 ? $"{value.TotalSeconds:0.#}s".Replace(',', '.') : $"{value.TotalMinutes:0.#}m".Replace(',', '.');
}
