using System.Text.RegularExpressions;

namespace IncidentExchange.Core.Wire;

/// <summary>Node ids are short lowercase names (<c>ee</c>, <c>fr</c>, <c>cert-ee</c>) that also appear in routing keys.</summary>
public static partial class NodeIds
{
    /// <summary>The rule, in words, for error messages.</summary>
    public const string Rule = "2 to 32 characters: lowercase letters, digits and '-', starting with a letter";

    /// <summary>True if <paramref name="value"/> is a well-formed node id.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Returns <paramref name="value"/> or throws a clear <see cref="ArgumentException"/>.</summary>
    public static string Require(string? value, string what = "node id") =>
        IsValid(value) ? value! : throw new ArgumentException($"'{value}' is not a valid {what} ({Rule}).");

    // "all" is reserved: it is the broadcast word in routing keys. \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^(?!all\z)[a-z][a-z0-9-]{1,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
