using IncidentExchange.Core.Failures;

namespace IncidentExchange.Core.Validation;

/// <summary>Length and character rules shared by the free-text fields of a notice.</summary>
internal static class TextRules
{
    /// <summary>A value quoted in an error sentence: at most <paramref name="max"/> characters, cut with "...".</summary>
    public static string Shorten(string value, int max = 80) => value.Length <= max ? value : value[..(max - 3)] + "...";

    /// <summary>Adds a violation of <paramref name="field"/> to <paramref name="errors"/> for each rule <paramref name="value"/> breaks.</summary>
    public static void Check(string field, string value, int maxChars, bool required, bool multiline, List<FieldViolation> errors)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required.");
            return;
        }

        if (value.Length > maxChars)
        {
            errors.Add(field, $"{field} is {value.Length} characters long; at most {maxChars} are allowed.");
            return;
        }

        // Control characters can hide text from a human reader or break terminal output.
        if (value.Any(c => char.IsControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))))
        {
            errors.Add(field, $"{field} contains control characters.");
        }
    }
}
