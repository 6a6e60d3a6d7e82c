using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace IncidentExchange.Core.Export;

/// <summary>Time formats of the export formats: RFC 3339 UTC with milliseconds (STIX), dates and Unix seconds (MISP).</summary>
internal static class ExportTimes
{
    public static string Rfc3339(Timestamp at) => Rfc3339(at.ToDateTimeOffset());

    public static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Date(Timestamp at) => at.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string UnixSeconds(Timestamp at) => at.Seconds.ToString(CultureInfo.InvariantCulture);
}
