using System.CommandLine.Parsing;
using System.Globalization;

namespace IncidentExchange.Cli.Common;

/// <summary>Points in time on the command line: ISO 8601 (UTC unless an offset is given), or a duration ago (<c>2h</c>, <c>7d</c>).</summary>
internal static class Times
{
    public static DateTimeOffset? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        // A bare duration means that long ago: --since 2h.
        if (text.Length > 1 && char.IsLetter(text[^1]) && Durations.TryParse(text) is { } ago)
        {
            return DateTimeOffset.UtcNow - ago;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? "the time";
        result.AddError($"{option} '{text}' is not a time such as 2026-06-01T08:00:00Z, or a duration ago such as 2h.");
        return null;
    }
}
