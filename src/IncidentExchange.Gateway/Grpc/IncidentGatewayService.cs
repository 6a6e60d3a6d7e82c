using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Delivery;
using IncidentExchange.Gateway.Federation;
using IncidentExchange.Gateway.Publishing;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>The node's gRPC API: publish, batch publish, live subscribe, list nodes.</summary>
public sealed class IncidentGatewayService(NoticePublisher publisher, AlertFanout fanout, NodeListing listing, IHostApplicationLifetime lifetime)
    : IncidentGateway.IncidentGatewayBase
{
    /// <summary>Most notices one PublishBatch call may carry; larger sets are sent as several calls.</summary>
    public const int MaxBatch = 1_000;

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
    public override Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return listing.ListAsync(context.CancellationToken);
    }
}
