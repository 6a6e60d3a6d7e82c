using Grpc.Core;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>The publishing RPCs of <c>incx.v1.IncidentGateway</c>: Publish and PublishBatch.</summary>
public sealed class PublishingRpcs(NoticePublisher publisher)
{
    /// <summary>Most notices one PublishBatch call may carry; larger sets are sent as several calls.</summary>
    public const int MaxBatch = 1_000;

    /// <summary>Validates, signs and publishes one notice; returns once the broker confirmed it.</summary>
    public async Task<PublishReply> Publish(PublishRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var replies = await publisher.PublishAsync([request.Notice], context.CancellationToken);
        return replies[0];
    }

    /// <summary>Reads the whole stream, validates it whole, then publishes it as one confirmed burst.</summary>
    public async Task<PublishBatchReply> PublishBatch(IAsyncStreamReader<PublishRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var drafts = new List<IncidentNotice?>();
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (drafts.Count == MaxBatch)
            {
                throw new BatchTooLargeException(MaxBatch);
            }

            drafts.Add(request.Notice);
        }

        var reply = new PublishBatchReply();
        if (drafts.Count > 0)
        {
            reply.Results.Add(await publisher.PublishAsync(drafts, context.CancellationToken));
        }

        return reply;
    }
}
