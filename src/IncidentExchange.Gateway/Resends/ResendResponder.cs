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
    PublicationLedger ledger,
    ConfirmingPublisher publisher,
    TimeProvider time,
    ILogger<ResendResponder> logger) : BackgroundService
{
    private const int Capacity = 100;
    private const int PerRequester = 10;
    private const int Batch = 100;
    private readonly Channel<ResendRequest> _requests = Channel.CreateBounded<ResendRequest>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly Dictionary<string, int> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _queuedIds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Queues a verified request. A repeat of a waiting request is ignored; a peer with <see cref="PerRequester"/> requests
    /// waiting, or a full queue, gets its request dropped (it may ask again), so one peer cannot crowd out the others.
    /// </summary>
    public void Enqueue(ResendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_queuedIds.Contains(request.RequestId))
            {
                return;
            }

            if (_waiting.GetValueOrDefault(request.Requester) >= PerRequester || !_requests.Writer.TryWrite(request))
            {
                logger.LogWarning("Dropped re-send request {RequestId} of {Requester}: too many requests are waiting.", request.RequestId, request.Requester);
                return;
            }

            _queuedIds.Add(request.RequestId);
            _waiting[request.Requester] = _waiting.GetValueOrDefault(request.Requester) + 1;
        }
    }

    private void Taken(ResendRequest request)
    {
        lock (_lock)
        {
            _queuedIds.Remove(request.RequestId);
            if (--_waiting[request.Requester] == 0)
            {
                _waiting.Remove(request.Requester);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                Taken(request);
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
        await foreach (var item in history.ReadAsync(range, cancellationToken))
        {
            // One answer per number. A notice the broker never confirmed (the publish failed and was not retried) was
            // never sent; one that no longer verifies (its key revoked since) would be refused: both count as unavailable.
            if (item.Direction != Direction.Sent || !item.Verification.Verified || ledger.Find(item.Notice.NoticeId, item.Notice.Revision) is not { Confirmed: true }
                || !seen.Add(item.Notice.Sequence))
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
                recorder.SentEntry(body, PayloadTypes.ResendReply, messageId),
            ],
            cancellationToken);
        logger.LogInformation("Re-send request {RequestId} of {Requester} for {From}..{To}: {Resent} re-sent, {NotAddressed} not addressed to it, {Unavailable} unavailable.",
            request.RequestId, request.Requester, request.FromSequence, request.ToSequence, reply.Resent.Count, reply.NotAddressed.Count, reply.Unavailable.Count);
    }
}
