using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Validation;

/// <summary>Checks that an indicator value has the form its type promises.</summary>
public static partial class IndicatorRules
{
    /// <summary>Returns null if <paramref name="value"/> is a valid <paramref name="type"/>, otherwise what is wrong.</summary>
    public static string? Check(IndicatorType type, string value) => type switch
    {
        IndicatorType.Ipv4 => Ipv4().IsMatch(value) ? null : "is not an IPv4 address in dotted-quad form (optionally /prefix)",
        IndicatorType.Ipv6 => IsIpv6(value) ? null : "is not an IPv6 address or CIDR range",
        IndicatorType.Domain => Domain().IsMatch(value) ? null : "is not a domain name",
        IndicatorType.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? null : "is not an absolute URL",
        IndicatorType.Email => Email().IsMatch(value) ? null : "is not an e-mail address",
        IndicatorType.Md5 => Hex(value, 32),
        IndicatorType.Sha1 => Hex(value, 40),
        IndicatorType.Sha256 => Hex(value, 64),
        IndicatorType.Cve => Cve().IsMatch(value) ? null : "is not a CVE id (CVE-YYYY-NNNN)",
        IndicatorType.Asn => Asn().IsMatch(value) && uint.TryParse(value.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null : "is not an AS number (AS64500)",
        _ => "has an unknown indicator type",
    };

    // Strict forms only: other implementations' parsers must agree with ours, so only hex digits, ':', '.'
    // and '/' (no zone ids "%eth0", no brackets "[::1]:80")
    // and, for IPv4, no legacy shorthand such as "127.1" or "0x7f.1" that some parsers accept.
    private static bool IsIpv6(string value) =>
        value.Contains(':', StringComparison.Ordinal) && value.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.' or '/') && (value.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(value, out var network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6
            : IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6);

    private static string? Hex(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiHexDigit) ? null : $"is not {length} hexadecimal digits";

    // Patterns end in \z, not $ ($ also matches before a final newline), and use [0-9], not \d (which matches any script's digits).
    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:/(?:3[0-2]|[12]?[0-9]))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    // ASCII letters spelled out rather than IgnoreCase, which would also let the Kelvin sign (U+212A) match "k".
    [GeneratedRegex(@"^(?=.{1,253}\z)(?:[A-Za-z0-9_](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[^@\s]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^CVE-[0-9]{4}-[0-9]{4,19}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Cve();

    [GeneratedRegex(@"^AS[0-9]{1,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Asn();
}
