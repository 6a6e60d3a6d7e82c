using Google.Protobuf.WellKnownTypes;

namespace IncidentExchange.Core.Contacts;

/// <summary>
/// Compares protobuf timestamps as (seconds, nanos) pairs. Values come from peers and may lie outside
/// what <see cref="DateTimeOffset"/> can hold; comparing the raw pair never throws.
/// </summary>
public static class WireTimes
{
    /// <summary>Negative, zero or positive as <paramref name="a"/> is before, equal to or after <paramref name="b"/>.</summary>
    public static int Compare(Timestamp a, Timestamp b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var bySeconds = a.Seconds.CompareTo(b.Seconds);
        return bySeconds != 0 ? bySeconds : a.Nanos.CompareTo(b.Nanos);
    }

    /// <summary>True if <paramref name="value"/> is set and is a valid point in time after 1970 (what the spec calls "set").</summary>
    public static bool IsSet(Timestamp? value) =>
        value is not null && value.Seconds > 0 && value.Seconds <= MaxSeconds && value.Nanos is >= 0 and <= 999_999_999;

    /// <summary>Converts a timestamp that passed <see cref="IsSet"/>.</summary>
    public static DateTimeOffset ToDateTimeOffset(Timestamp value) => value.ToDateTimeOffset();

    // 9999-12-31T23:59:59Z, the last second protobuf's Timestamp (and .NET) can represent.
    private const long MaxSeconds = 253_402_300_799;
}
