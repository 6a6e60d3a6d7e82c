using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Checks;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Subscriptions;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>The node's gRPC API: publish, batch publish, live and durable subscriptions, delivery status, communication checks, list nodes.</summary>
public sealed class IncidentGatewayService(
    NoticePublisher publisher,
    AlertFanout fanout,
    DurableSubscriptions subscriptions,
    ReceiptSender receipts,
    DeliveryBook deliveries,
    CheckSender checkSender,
    CheckBook checks,
    NodeListing listing,
    TimeProvider time,
    IHostApplicationLifetime lifetime)
    : IncidentGateway.IncidentGatewayBase
{
    /// <summary>Most notices one PublishBatch call may carry; larger sets are sent as several calls.</summary>
    public const int MaxBatch = 1_000;

    /// <summary>Check reports ListChecks returns when the request sets no limit.</summary>
    public const int DefaultCheckHistory = 50;

    /// <summary>Most check reports one ListChecks reply carries (a reply stays well under gRPC's 4 MB).</summary>
    public const int MaxCheckHistory = 1_000;

    /// <inheritdoc />
    public override async Task<PublishReply> Publish(PublishRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var replies = await RpcErrors.Map(() => publisher.PublishAsync([request.Notice], context.CancellationToken));
        return replies[0];
    }

    /// <inheritdoc />
    public override async Task<PublishBatchReply> PublishBatch(IAsyncStreamReader<PublishRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var drafts = new List<IncidentNotice?>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (drafts.Count == MaxBatch)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"A batch may carry at most {MaxBatch} notices; nothing was published."));
            }

            drafts.Add(request.Notice);
        }

        var reply = new PublishBatchReply();
        if (drafts.Count > 0)
        {
            reply.Results.Add(await RpcErrors.Map(() => publisher.PublishAsync(drafts, context.CancellationToken)));
        }

        return reply;
    }

    /// <inheritdoc />
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Subscription.Length > 0)
        {
            await SubscribeDurableAsync(request, responseStream, context);
            return;
        }

        using var subscription = fanout.Subscribe(AlertFilter.From(request));
        // Headers tell the client the subscription is registered: every alert accepted from now on reaches it.
        await context.WriteResponseHeadersAsync([]);
        // The stream ends when the client goes away or the gateway shuts down, whichever comes first.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var alert in subscription.Alerts.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(alert, stop.Token);
            }
        }
        catch (SubscriberTooSlowException ex)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, ex.Message));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The gateway is shutting down; reconnect to continue."));
        }
    }

    /// <inheritdoc />
    public override async Task<AcknowledgeReply> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.AcknowledgedBy.Length > Core.Receipts.ReceiptValidator.MaxAcknowledgedByChars / 2 || request.AcknowledgedBy.Any(char.IsControl))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"acknowledged_by is at most {Core.Receipts.ReceiptValidator.MaxAcknowledgedByChars / 2} characters without control characters."));
        }

        var alerts = await Durable(() => subscriptions.AcknowledgeAsync(request.Subscription, request.NoticeId, request.Origin, request.Revision, context.CancellationToken));
        var by = request.AcknowledgedBy.Length > 0 ? $"{request.AcknowledgedBy} ({request.Subscription})" : request.Subscription;
        foreach (var alert in alerts)
        {
            await receipts.AcknowledgedAsync(alert, by[..Math.Min(by.Length, Core.Receipts.ReceiptValidator.MaxAcknowledgedByChars)], context.CancellationToken);
        }

        return new AcknowledgeReply { Acknowledged = (uint)alerts.Count };
    }

    /// <inheritdoc />
    public override async Task<ListSubscriptionsReply> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reply = new ListSubscriptionsReply();
        reply.Subscriptions.Add(await Durable(() => subscriptions.ListAsync(context.CancellationToken)));
        return reply;
    }

    /// <inheritdoc />
    public override async Task<DeleteSubscriptionReply> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new DeleteSubscriptionReply { PendingDropped = await Durable(() => subscriptions.DeleteAsync(request.Name, context.CancellationToken)) };
    }

    /// <inheritdoc />
    public override Task<DeliveryStatusReply> GetDeliveryStatus(DeliveryStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(deliveries.Status(request.NoticeId, request.Revision, time.GetUtcNow())
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"This node did not publish notice {request.NoticeId}{(request.Revision > 0 ? $" revision {request.Revision}" : "")}; delivery status is kept by the origin.")));
    }

    /// <inheritdoc />
    public override Task<CheckReport> StartCheck(StartCheckRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return RpcErrors.Map(() => checkSender.StartAsync(request, context.CancellationToken));
    }

    /// <inheritdoc />
    public override Task<CheckReport> GetCheckReport(CheckReportRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(checks.Report(request.CheckId, time.GetUtcNow())
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"This node sent no communication check '{Core.Inbound.PeerValues.Printable(request.CheckId)}'.")));
    }

    /// <inheritdoc />
    public override Task<ListChecksReply> ListChecks(ListChecksRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = new ListChecksReply();
        reply.Checks.Add(checks.Recent(request.Limit == 0 ? DefaultCheckHistory : (int)Math.Min(request.Limit, MaxCheckHistory), time.GetUtcNow()));
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return listing.ListAsync(context.CancellationToken);
    }

    private async Task SubscribeDurableAsync(SubscribeRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context)
    {
        var session = await Durable(() => subscriptions.OpenAsync(request.Subscription, AlertFilter.From(request), context.CancellationToken));
        try
        {
            await context.WriteResponseHeadersAsync([]);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
            await foreach (var alert in session.Alerts.ReadAllAsync(stop.Token))
            {
                await responseStream.WriteAsync(alert, stop.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The gateway is shutting down; reconnect to continue (pending alerts wait)."));
        }
        catch (SubscriptionRefusedException ex)
        {
            // The broker ended the subscription's consumer (broker away, subscription deleted or expired).
            throw new RpcException(new Status(StatusCode.Unavailable, ex.Message));
        }
        finally
        {
            await subscriptions.CloseAsync(session);
        }
    }

    // Subscription names are checked like node ids; the broker's management API may be away.
    private static async Task<T> Durable<T>(Func<Task<T>> call)
    {
        try
        {
            return await RpcErrors.Map(call);
        }
        catch (ArgumentException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message.Split(" (Parameter", 2)[0]));
        }
        catch (HttpRequestException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The broker's management API cannot be reached ({ex.Message}); try again when the broker is back."));
        }
    }
}
