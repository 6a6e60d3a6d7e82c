using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Cli.Commands;

namespace IncidentExchange.Cli.Common;

/// <summary>Times in status and check tables: the time, and how long after sending, since response times are what a CERT is measured by.</summary>
internal static class ResponseTimes
{
    /// <summary><c>2026-11-29 10:00:03Z (+3.2 s)</c>, or <paramref name="missing"/> (markup) when unset.</summary>
    public static string Cell(Timestamp? at, Timestamp sent, string missing) =>
        at is null ? missing : $"{ContactTables.Utc(at)} (+{After(at, sent)})";

    /// <summary>How long after <paramref name="sent"/> it happened: <c>3.2 s</c>.</summary>
    public static string After(Timestamp at, Timestamp sent) =>
        (at.ToDateTimeOffset() - sent.ToDateTimeOffset()).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
