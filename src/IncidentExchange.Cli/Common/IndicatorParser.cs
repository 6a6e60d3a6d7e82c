using System.Net;
using System.Net.Sockets;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Cli.Common;

/// <summary>Parses <c>--indicator type:value</c>; <c>ip:</c> and <c>hash:</c> pick the exact type from the value.</summary>
internal static class IndicatorParser
{
    public static Indicator Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new CliException($"Indicator '{text}' is not of the form type:value (types: ip, hash, {string.Join(", ", Labels.IndicatorTypes.Keys)}).");
        }

        var prefix = text[..colon];
        var value = text[(colon + 1)..];
        var type = prefix.ToLowerInvariant() switch
        {
            "ip" => IPAddress.TryParse(value.Split('/')[0], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? IndicatorType.Ipv6 : IndicatorType.Ipv4,
            "hash" => value.Length switch { 32 => IndicatorType.Md5, 40 => IndicatorType.Sha1, _ => IndicatorType.Sha256 },
            _ => Labels.IndicatorTypes.TryGetValue(prefix, out var known)
                ? known
                : throw new CliException($"Indicator type '{prefix}' is unknown (types: ip, hash, {string.Join(", ", Labels.IndicatorTypes.Keys)})."),
        };
        return new Indicator { Type = type, Value = value };
    }
}
