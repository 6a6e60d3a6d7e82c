using System.Globalization;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Export;

/// <summary>STIX 2.1 patterning for each indicator type (CVEs become vulnerability objects instead).</summary>
internal static class StixPatterns
{
    /// <summary>The pattern for <paramref name="indicator"/>, or null if it is not an observable pattern (a CVE).</summary>
    public static string? For(Indicator indicator) => indicator.Type switch
    {
        IndicatorType.Ipv4 => Compare("ipv4-addr:value", indicator.Value),
        IndicatorType.Ipv6 => Compare("ipv6-addr:value", indicator.Value),
        IndicatorType.Domain => Compare("domain-name:value", indicator.Value),
        IndicatorType.Url => Compare("url:value", indicator.Value),
        IndicatorType.Email => Compare("email-addr:value", indicator.Value),
        IndicatorType.Md5 => Compare("file:hashes.MD5", indicator.Value),
        IndicatorType.Sha1 => Compare("file:hashes.'SHA-1'", indicator.Value),
        IndicatorType.Sha256 => Compare("file:hashes.'SHA-256'", indicator.Value),
        // An AS number compares as an integer; a valid notice writes it "AS64500".
        IndicatorType.Asn => $"[autonomous-system:number = {uint.Parse(indicator.Value.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture)}]",
        _ => null,
    };

    // String literals in STIX patterns are single-quoted; quotes and backslashes inside are escaped with a backslash.
    private static string Compare(string path, string value) =>
        $"[{path} = '{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";
}
