using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Receipts;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Receipts;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// The subscription RPCs of <c>incx.v1.IncidentGateway</c>: Subscribe (a live feed, or a durable subscription when it
/// names one), Acknowledge, ListSubscriptions and DeleteSubscription.
/// </summary>
public sealed class SubscriptionRpcs(AlertFanout fanout, DurableSubscriptions subscriptions, ReceiptSender receipts, IHostApplicationLifetime lifetime)
{
    /// <summary>Streams verified alerts until the client goes away or the gateway stops.</summary>
    public async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context)
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

    /// <summary>Ends the pending state of an alert shown at the client connected to the subscription, and says so to its origin.</summary>
    public async Task<AcknowledgeReply> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.AcknowledgedBy.Length > ReceiptValidator.MaxAcknowledgedByChars / 2 || request.AcknowledgedBy.Any(char.IsControl))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"acknowledged_by is at most {ReceiptValidator.MaxAcknowledgedByChars / 2} characters without control characters."));
        }

        var alerts = await Durable(() => subscriptions.AcknowledgeAsync(request.Subscription, request.NoticeId, request.Origin, request.Revision, context.CancellationToken));
        var by = request.AcknowledgedBy.Length > 0 ? $"{request.AcknowledgedBy} ({request.Subscription})" : request.Subscription;
        foreach (var alert in alerts)
        {
            await receipts.AcknowledgedAsync(alert, by[..Math.Min(by.Length, ReceiptValidator.MaxAcknowledgedByChars)], context.CancellationToken);
        }

        return new AcknowledgeReply { Acknowledged = (uint)alerts.Count };
    }

    /// <summary>This node's durable subscriptions.</summary>
    public async Task<ListSubscriptionsReply> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reply = new ListSubscriptionsReply();
        reply.Subscriptions.Add(await Durable(() => subscriptions.ListAsync(context.CancellationToken)));
        return reply;
    }

    /// <summary>Deletes a durable subscription with what is pending in it.</summary>
    public async Task<DeleteSubscriptionReply> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new DeleteSubscriptionReply { PendingDropped = await Durable(() => subscriptions.DeleteAsync(request.Name, context.CancellationToken)) };
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
