using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Resends;

/// <summary>
/// At the origin: answers peers' re-send requests from this node's history, in the background (reading the history
/// can take a while; the inbox must not wait). Each notice of the range meant for the requester goes out again
/// byte for byte with routing key <c>notice.&lt;requester&gt;</c>; then a signed ResendReply accounts for every number
/// of the range. A notice addressed to other nodes is never sent to the requester.
/// </summary>
public sealed class ResendResponder(
    NodeIdentity identity,
    OwnKeys keys,
    HistoryReader history,
    HistoryRecorder recorder,
    ConfirmingPublisher publisher,
    TimeProvider time,
    ILogger<ResendResponder> logger) : BackgroundService
{
    private const int Capacity = 100;
    private const int Batch = 100;
    private readonly Channel<ResendRequest> _requests = Channel.CreateBounded<ResendRequest>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <summary>Queues a verified request; a request beyond <see cref="Capacity"/> waiting ones is dropped (the requester may ask again).</summary>
    public void Enqueue(ResendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_requests.Writer.TryWrite(request))
        {
            logger.LogWarning("Dropped re-send request {RequestId} of {Requester}: {Capacity} requests are already waiting.", request.RequestId, request.Requester, Capacity);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await AnswerAsync(request, stoppingToken);
                }
                catch (Exception ex) when (ex is BrokerUnavailableException or BrokerRefusedException or UnroutableException or IOException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    logger.LogWarning("Could not answer re-send request {RequestId} of {Requester}: {Reason}", request.RequestId, request.Requester, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; requesters ask again when their gaps remain.
        }
    }

    private async Task AnswerAsync(ResendRequest request, CancellationToken cancellationToken)
    {
        var reply = new ResendReply { RequestId = request.RequestId, Origin = identity.NodeId, Requester = request.Requester, FromSequence = request.FromSequence, ToSequence = request.ToSequence };
        var seen = new HashSet<ulong>();
        var pending = new List<OutgoingMessage>(Batch);
        var range = new ReplayRequest { Origin = identity.NodeId, FromSequence = request.FromSequence, ToSequence = request.ToSequence, Kinds = { "notice" } };
        await foreach (var item in history.ReadAsync(range, ReplayFilter.From(range), cancellationToken))
        {
            // A notice re-sent after a failed publish may be in the history twice; one answer per number. One that
            // no longer verifies (its key revoked since) would be refused there anyway: it counts as unavailable.
            if (item.Direction != Direction.Sent || !item.Verification.Verified || !seen.Add(item.Notice.Sequence))
            {
                continue;
            }

            if (item.Notice.Audience.All || item.Notice.Audience.Nodes.Contains(request.Requester))
            {
                pending.Add(new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.NoticeTo(request.Requester), item.Envelope.Memory, MessageIds.For(item.Notice), PayloadHeaders.Notice));
                reply.Resent.Add(item.Notice.Sequence);
            }
            else
            {
                reply.NotAddressed.Add(item.Notice.Sequence);
            }

            if (pending.Count == Batch)
            {
                await publisher.PublishAsync(pending, cancellationToken);
                pending.Clear();
            }
        }

        await publisher.PublishAsync(pending, cancellationToken);
        for (var n = request.FromSequence; n <= request.ToSequence; n++)
        {
            if (!seen.Contains(n))
            {
                reply.Unavailable.Add(n);
            }
        }

        reply.IssuedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        var body = keys.Current.Seal(reply).ToByteArray();
        var messageId = $"resend-reply/{reply.RequestId}";
        await publisher.PublishAsync(
            [
                new OutgoingMessage(WireProtocol.ExchangeName, RoutingKeys.ResendTo(request.Requester), body, messageId, PayloadHeaders.For(PayloadTypes.ResendReply)),
                recorder.Entry(body, HistoryRecorder.Sent, PayloadTypes.ResendReply, messageId),
            ],
            cancellationToken);
        logger.LogInformation("Re-send request {RequestId} of {Requester} for {From}..{To}: {Resent} re-sent, {NotAddressed} not addressed to it, {Unavailable} unavailable.",
            request.RequestId, request.Requester, request.FromSequence, request.ToSequence, reply.Resent.Count, reply.NotAddressed.Count, reply.Unavailable.Count);
    }
}
