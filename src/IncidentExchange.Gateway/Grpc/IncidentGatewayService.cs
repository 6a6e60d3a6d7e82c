using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Subscriptions;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// The wire binding of <c>incx.v1.IncidentGateway</c>, a proto service that spans several features. It holds no
/// logic: each RPC is one line handing the call to the RPC class in its feature's folder (Publishing, Subscriptions,
/// Receipts, Checks, Federation), so the feature's code and its dependencies stay together there.
/// </summary>
public sealed class IncidentGatewayService(PublishingRpcs publishing, SubscriptionRpcs subscriptions, DeliveryStatusRpcs deliveries, CheckRpcs checks, NodeListing nodes)
    : IncidentGateway.IncidentGatewayBase
{
    /// <inheritdoc />
    public override Task<PublishReply> Publish(PublishRequest request, ServerCallContext context) => publishing.Publish(request, context);

    /// <inheritdoc />
    public override Task<PublishBatchReply> PublishBatch(IAsyncStreamReader<PublishRequest> requestStream, ServerCallContext context) => publishing.PublishBatch(requestStream, context);

    /// <inheritdoc />
    public override Task Subscribe(SubscribeRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context) => subscriptions.Subscribe(request, responseStream, context);

    /// <inheritdoc />
    public override Task<AcknowledgeReply> Acknowledge(AcknowledgeRequest request, ServerCallContext context) => subscriptions.Acknowledge(request, context);

    /// <inheritdoc />
    public override Task<ListSubscriptionsReply> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context) => subscriptions.ListSubscriptions(request, context);

    /// <inheritdoc />
    public override Task<DeleteSubscriptionReply> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context) => subscriptions.DeleteSubscription(request, context);

    /// <inheritdoc />
    public override Task<DeliveryStatusReply> GetDeliveryStatus(DeliveryStatusRequest request, ServerCallContext context) => deliveries.GetDeliveryStatus(request, context);

    /// <inheritdoc />
    public override Task<CheckReport> StartCheck(StartCheckRequest request, ServerCallContext context) => checks.StartCheck(request, context);

    /// <inheritdoc />
    public override Task<CheckReport> GetCheckReport(CheckReportRequest request, ServerCallContext context) => checks.GetCheckReport(request, context);

    /// <inheritdoc />
    public override Task<ListChecksReply> ListChecks(ListChecksRequest request, ServerCallContext context) => checks.ListChecks(request, context);

    /// <inheritdoc />
    public override Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context) => nodes.ListNodes(request, context);
}
