using System.Globalization;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Validation;

namespace IncidentExchange.Cli.Commands;

/// <summary>One replayed envelope as one plain line: offset, time, direction, kind, signer, verification, what it says.</summary>
internal static class ReplayLines
{
    public static string Kind(ReplayItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Notice is not null ? "notice" : item.Record is not null ? "record" : item.Receipt is not null ? "receipt" : item.Check is not null ? "check" : "unreadable";
    }

    public static string Plain(ReplayItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stored = item.StoredAt.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var direction = item.Direction == Direction.Sent ? "sent" : "received";
        var verified = item.Verification.Verified ? "verified" : $"NOT VERIFIED ({item.Verification.Reason}: {item.Verification.Detail})";
        return $"{item.Offset} {stored} {direction,-8} {Kind(item),-7} {item.Signer} {verified} {What(item)}";
    }

    private static string What(ReplayItem item) =>
        item.Notice is { } n ? $"{n.NoticeId} rev {n.Revision} #{n.Sequence} {Labels.Word(n.Severity)} TLP:{Labels.Word(n.Tlp).ToUpperInvariant()} {n.Title}"
        : item.Record is { } r ? $"{r.NodeId} record version {r.Version}"
        : item.Receipt is { } receipt ? $"{(receipt.CheckId.Length > 0 ? "check " + receipt.CheckId : receipt.NoticeId + " rev " + receipt.NoticeRevision)} {receipt.Kind.ToString().ToLowerInvariant()} by {receipt.Recipient}"
        : item.Check is { } c ? $"check {c.CheckId} to {string.Join(",", c.Targets)}"
        : "";
}
