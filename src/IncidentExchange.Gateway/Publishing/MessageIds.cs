using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>The AMQP message-id of a notice envelope: <c>&lt;notice_id&gt;/&lt;revision&gt;</c> (protos/README.md).</summary>
internal static class MessageIds
{
    public static string For(IncidentNotice notice) => $"{notice.NoticeId}/{notice.Revision}";
}
