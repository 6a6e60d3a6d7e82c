using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Receipts;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Receipts;
using RabbitMQ.Client.Exceptions;

namespace IncidentExchange.Gateway.Subscriptions;

/// <summary>
/// The subscription RPCs of <c>incx.v1.IncidentGateway</c>: Subscribe (a live feed, or a durable subscription when it
/// names one), Acknowledge, ListSubscriptions and DeleteSubscription.
/// </summary>
public sealed class SubscriptionRpcs(AlertFanout fanout, DurableSubscriptions subscriptions, ReceiptSender receipts, IHostApplicationLifetime lifetime)
{
    private const int MaxAcknowledgedByChars = ReceiptValidator.MaxAcknowledgedByChars / 2;

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
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw new GatewayStoppingException("The gateway is shutting down; reconnect to continue.");
        }
    }

    /// <summary>Ends the pending state of an alert shown at the client connected to the subscription, and says so to its origin.</summary>
    public async Task<AcknowledgeReply> Acknowledge(AcknowledgeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.AcknowledgedBy.Length > MaxAcknowledgedByChars || request.AcknowledgedBy.Any(char.IsControl))
        {
            throw new SubscriptionRejectedException(new FieldViolation("acknowledged_by", $"acknowledged_by is at most {MaxAcknowledgedByChars} characters without control characters."));
        }

        var name = Name(request.Subscription, "subscription");
        var alerts = await BrokerAsync(() => subscriptions.AcknowledgeAsync(name, request.NoticeId, request.Origin, request.Revision, context.CancellationToken));
        var by = request.AcknowledgedBy.Length > 0 ? $"{request.AcknowledgedBy} ({name})" : name;
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
        reply.Subscriptions.Add(await BrokerAsync(() => subscriptions.ListAsync(context.CancellationToken)));
        return reply;
    }

    /// <summary>Deletes a durable subscription with what is pending in it.</summary>
    public async Task<DeleteSubscriptionReply> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var name = Name(request.Name, "name");
        return new DeleteSubscriptionReply { PendingDropped = await BrokerAsync(() => subscriptions.DeleteAsync(name, context.CancellationToken)) };
    }

    private async Task SubscribeDurableAsync(SubscribeRequest request, IServerStreamWriter<Alert> responseStream, ServerCallContext context)
    {
        var name = Name(request.Subscription, "subscription");
        var session = await BrokerAsync(() => subscriptions.OpenAsync(name, AlertFilter.From(request), context.CancellationToken));
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
            throw new GatewayStoppingException("The gateway is shutting down; reconnect to continue (pending alerts wait).");
        }
        finally
        {
            await subscriptions.CloseAsync(session);
        }
    }

    // A subscription name is a queue name's last part, so it follows the node id rule.
    private static string Name(string name, string field) =>
        NodeIds.IsValid(name)
            ? name
            : throw new SubscriptionRejectedException(new FieldViolation(field, $"'{name}' is not a valid subscription name (like a node id: {NodeIds.Rule})."));

    // Subscriptions are the broker's queues, listed with their filters by its management API; either may be away.
    private static async Task<T> BrokerAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException ex)
        {
            throw new SubscriptionUnavailableException($"The broker's management API cannot be reached ({ex.Message}); try again when the broker is back.", ex);
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException)
        {
            throw new SubscriptionUnavailableException($"The broker cannot be reached ({ex.Message.TrimEnd('.')}); try again when it is back.", ex);
        }
    }
}
