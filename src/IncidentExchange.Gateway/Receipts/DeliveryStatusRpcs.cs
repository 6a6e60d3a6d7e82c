using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>The delivery-status RPC of <c>incx.v1.IncidentGateway</c>: who received and acknowledged a notice this node published.</summary>
public sealed class DeliveryStatusRpcs(DeliveryBook deliveries, TimeProvider time)
{
    /// <summary>Per intended recipient, when its signed DELIVERED and ACKNOWLEDGED receipts arrived.</summary>
    public Task<DeliveryStatusReply> GetDeliveryStatus(DeliveryStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(deliveries.Status(request.NoticeId, request.Revision, time.GetUtcNow())
            ?? throw new DeliveryStatusNotFoundException(request.NoticeId, request.Revision));
    }
}
