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
        IndicatorType.Ipv4 => IsAddress(value, AddressFamily.InterNetwork) ? null : "is not an IPv4 address or CIDR range",
        IndicatorType.Ipv6 => IsAddress(value, AddressFamily.InterNetworkV6) ? null : "is not an IPv6 address or CIDR range",
        IndicatorType.Domain => Domain().IsMatch(value) ? null : "is not a domain name",
        IndicatorType.Url => Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? null : "is not an absolute URL",
        IndicatorType.Email => Email().IsMatch(value) ? null : "is not an e-mail address",
        IndicatorType.Md5 => Hex(value, 32),
        IndicatorType.Sha1 => Hex(value, 40),
        IndicatorType.Sha256 => Hex(value, 64),
        IndicatorType.Cve => Cve().IsMatch(value) ? null : "is not a CVE id (CVE-YYYY-NNNN)",
        IndicatorType.Asn => Asn().IsMatch(value) ? null : "is not an AS number (AS64500)",
        _ => "has an unknown indicator type",
    };

    private static bool IsAddress(string value, AddressFamily family) =>
        value.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.TryParse(value, out var network) && network.BaseAddress.AddressFamily == family
            : IPAddress.TryParse(value, out var address) && address.AddressFamily == family;

    private static string? Hex(string value, int length) =>
        value.Length == length && value.All(Uri.IsHexDigit) ? null : $"is not {length} hexadecimal digits";

    [GeneratedRegex(@"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Domain();

    [GeneratedRegex(@"^[^@\s]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex Cve();

    [GeneratedRegex(@"^AS\d{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex Asn();
}
