namespace IncidentExchange.Core.Validation;

/// <summary>The identifier form of notices and checks: a UUIDv7 in lowercase canonical text.</summary>
public static class Uuid7
{
    /// <summary>
    /// True if <paramref name="value"/> is a version 7 UUID with the RFC 9562 variant (bits 10xx), written as
    /// 36 lowercase characters with hyphens: the only form a signer may use, so one id has one spelling.
    /// </summary>
    public static bool IsCanonical(string value) =>
        Guid.TryParseExact(value, "D", out var id) && id.Version == 7 && (id.Variant & 0b1100) == 0b1000 && id.ToString("D") == value;

    /// <summary>The time a canonical UUIDv7 (see <see cref="IsCanonical"/>) carries: its first 48 bits, Unix milliseconds.</summary>
    public static DateTimeOffset Time(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hex = value.Replace("-", "", StringComparison.Ordinal)[..12];
        return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
    }
}
