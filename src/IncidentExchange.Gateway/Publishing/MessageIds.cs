using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>AMQP message-ids (protos/README.md): <c>&lt;notice_id&gt;/&lt;revision&gt;</c> for a notice, <c>contact/&lt;node&gt;/&lt;version&gt;</c> for a record.</summary>
internal static class MessageIds
{
    public static string For(IncidentNotice notice) => $"{notice.NoticeId}/{notice.Revision}";

    public static string For(ContactRecord record) => $"contact/{record.NodeId}/{record.Version}";
}
