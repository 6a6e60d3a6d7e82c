using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>
/// AMQP message-ids (protos/README.md §5): <c>&lt;notice_id&gt;/&lt;revision&gt;</c> for a notice, <c>contact/&lt;node&gt;/&lt;version&gt;</c>
/// for a record, <c>receipt/…</c> for a receipt, <c>check/&lt;check_id&gt;</c> for a check. Logs and quarantine only.
/// </summary>
internal static class MessageIds
{
    public static string For(IncidentNotice notice) => $"{notice.NoticeId}/{notice.Revision}";

    public static string For(ContactRecord record) => $"contact/{record.NodeId}/{record.Version}";

    public static string For(CommunicationCheck check) => $"check/{check.CheckId}";

    public static string For(Receipt receipt) => receipt.CheckId.Length > 0
        ? $"receipt/check/{receipt.CheckId}/{receipt.Recipient}/{Kind(receipt)}"
        : $"receipt/{receipt.NoticeId}/{receipt.NoticeRevision}/{receipt.Recipient}/{Kind(receipt)}";

    private static string Kind(Receipt receipt) => receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered";
}
