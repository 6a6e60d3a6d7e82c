using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Inbound.Handlers;

namespace IncidentExchange.Gateway.Inbound;

/// <summary>
/// The protocol's payload types, each bound to its handler and its replay field: one line a type. The rules of each are
/// Core's (<see cref="Core.Inbound.Payloads.PayloadRegistry.Default"/>).
/// </summary>
public static class StandardPayloads
{
    /// <summary>The six bindings, in the order of protos/README.md §10 step 4.</summary>
    public static IReadOnlyList<PayloadBinding> All { get; } =
    [
        PayloadBinding.For<IncidentNotice, NoticeHandler>("notice", (item, notice) => item.Notice = notice),
        PayloadBinding.For<ContactRecord, ContactRecordHandler>("record", (item, record) => item.Record = record),
        PayloadBinding.For<Receipt, ReceiptHandler>("receipt", (item, receipt) => item.Receipt = receipt),
        PayloadBinding.For<CommunicationCheck, CheckHandler>("check", (item, check) => item.Check = check),
        PayloadBinding.For<ResendRequest, ResendRequestHandler>("resend", (item, request) => item.ResendRequest = request),
        PayloadBinding.For<ResendReply, ResendReplyHandler>("resend", (item, reply) => item.ResendReply = reply),
    ];
}
