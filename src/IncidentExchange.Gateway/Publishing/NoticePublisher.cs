using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Contacts;
using IncidentExchange.Gateway.Routing;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Messaging.Publishing;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>
/// The publish path of a node: validate, assign a sequence number, sign, publish with publisher
/// confirms, record. Idempotent on (notice id, revision): a repeat with the same content sends nothing.
/// One publish runs at a time per gateway: checking the ledger, reserving a sequence number and
/// confirming must not interleave, or two callers could sign different content under one number.
/// A batch still goes to the broker as one pipelined burst of publishes.
/// </summary>
public sealed class NoticePublisher(
    NodeIdentity identity,
    OwnKeys keys,
    ContactBook book,
    KnownNodes nodes,
    PublicationLedger ledger,
    DeliveryBook deliveries,
    HistoryRecorder history,
    HistoryOutbox historyOutbox,
    ConfirmingPublisher publisher,
    GatewayMetrics metrics,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Publishes <paramref name="drafts"/> and returns one reply each, in order, once the broker confirmed
    /// them all. Every notice is validated before any is sequenced, so one invalid notice rejects the whole
    /// batch and nothing of it is published.
    /// </summary>
    public async Task<IReadOnlyList<PublishReply>> PublishAsync(IReadOnlyList<IncidentNotice?> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        using var activity = GatewayTelemetry.Source.StartActivity("incx.publish", System.Diagnostics.ActivityKind.Producer);
        activity?.SetTag("incx.notices", drafts.Count);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await PublishInOrderAsync(drafts, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyList<PublishReply>> PublishInOrderAsync(IReadOnlyList<IncidentNotice?> drafts, CancellationToken cancellationToken)
    {
        var checkedNotices = drafts.Select((draft, i) => Check(draft, drafts.Count > 1 ? i : null)).ToArray();
        RejectRepeats(checkedNotices.Select(c => c.Notice).ToArray());
        var replies = new PublishReply[drafts.Count];
        var toSend = new List<(int Index, IncidentNotice Notice, LedgerEntry? Existing, string Hash)>();
        for (var i = 0; i < checkedNotices.Length; i++)
        {
            var (notice, hash, existing) = checkedNotices[i];
            if (existing is { Confirmed: true })
            {
                metrics.DuplicatePublishSuppressed();
                replies[i] = Reply(notice, existing, RoutingKeys.ForAudience(notice.Audience), duplicate: true);
            }
            else
            {
                toSend.Add((i, notice, existing, hash));
            }
        }

        if (toSend.Count == 0)
        {
            return replies;
        }

        // An entry reserved before but never confirmed (broker down, crash) keeps its sequence and time:
        // Ed25519 is deterministic, so its envelope is re-sent byte-identical. New ones are reserved together.
        var now = Now();
        var ownRecord = book.Directory.Get(identity.NodeId)?.Current?.Record;
        var entries = ledger.Reserve(toSend.Select(s => new Reservation(s.Notice.NoticeId, s.Notice.Revision, s.Hash, now)).ToArray());
        var messages = new List<OutgoingMessage>();
        var bodies = new byte[toSend.Count][];
        for (var k = 0; k < toSend.Count; k++)
        {
            var (index, notice, _, _) = toSend[k];
            var entry = entries[k];
            notice.Sequence = entry.Sequence;
            notice.IssuedAt = Timestamp.FromDateTimeOffset(entry.IssuedAt);
            var body = keys.SealerFor(notice.IssuedAt, ownRecord).Seal(notice).ToByteArray();
            bodies[k] = body;
            var routingKeys = RoutingKeys.ForAudience(notice.Audience);
            messages.AddRange(routingKeys.Select(key =>
                new OutgoingMessage(WireProtocol.ExchangeName, key, body, MessageIds.For(notice), PayloadHeaders.Notice)));
            replies[index] = Reply(notice, entry, routingKeys, duplicate: false);
        }

        // Before publishing: a fast receipt must find the notice expected (a repeat of a failed publish changes nothing).
        for (var k = 0; k < toSend.Count; k++)
        {
            // Every peer for a broadcast (this node has its own notice without a receipt), or the named nodes.
            var notice = toSend[k].Notice;
            var recipients = notice.Audience.All ? nodes.Peers : notice.Audience.Nodes.Where(n => n != identity.NodeId);
            deliveries.Expect(notice, recipients, entries[k].IssuedAt);
        }

        await publisher.PublishAsync(messages, cancellationToken);
        ledger.Confirm(entries);
        // Only a confirmed notice starts an acknowledgement deadline (and ends its earlier revisions'), and goes into the
        // history: in the background, because a stream confirm on this path doubled the latency at a steady 100/s.
        for (var k = 0; k < toSend.Count; k++)
        {
            deliveries.Published(toSend[k].Notice, bodies[k]);
            await historyOutbox.EnqueueAsync(history.SentEntry(bodies[k], PayloadTypes.IncidentNotice, MessageIds.For(toSend[k].Notice)), CancellationToken.None);
        }

        metrics.NoticesPublished(entries.Count);
        return replies;
    }

    private (IncidentNotice Notice, string Hash, LedgerEntry? Existing) Check(IncidentNotice? draft, int? index)
    {
        var notice = Rejecting(index, () => DraftPreparer.Prepare(draft, nodes));
        var hash = DraftPreparer.ContentHash(notice);
        var existing = ledger.Find(notice.NoticeId, notice.Revision);
        if (existing is not null && existing.ContentHash != hash)
        {
            throw new NoticeConflictException(notice.NoticeId, notice.Revision);
        }

        // Validated with a placeholder sequence and time, so an invalid notice never consumes a sequence number.
        var candidate = notice.Clone();
        candidate.Sequence = existing?.Sequence ?? 1;
        candidate.IssuedAt = Timestamp.FromDateTimeOffset(existing?.IssuedAt ?? Now());
        var violations = NoticeValidator.Violations(candidate);
        if (violations.Count > 0)
        {
            throw Rejection(index, violations.Select(v => v.Under("notice")).ToArray());
        }

        return (notice, hash, existing);
    }

    // Two entries for one (id, revision) in a batch would share a sequence number; refuse the batch instead.
    private static void RejectRepeats(IncidentNotice[] notices)
    {
        var first = new Dictionary<(string, uint), int>();
        for (var i = 0; i < notices.Length; i++)
        {
            if (!first.TryAdd((notices[i].NoticeId, notices[i].Revision), i))
            {
                throw Rejection(i, [new FieldViolation("notice.notice_id", $"it repeats notice {notices[i].NoticeId} revision {notices[i].Revision} of notice #{first[(notices[i].NoticeId, notices[i].Revision)] + 1}.")]);
            }
        }
    }

    // Whole milliseconds: the ledger stores milliseconds, and a re-send after a restart must sign the same time.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static PublishReply Reply(IncidentNotice notice, LedgerEntry entry, IReadOnlyList<string> routingKeys, bool duplicate) => new()
    {
        NoticeId = notice.NoticeId,
        Revision = notice.Revision,
        Sequence = entry.Sequence,
        Duplicate = duplicate,
        RoutingKey = string.Join(",", routingKeys),
        IssuedAt = Timestamp.FromDateTimeOffset(entry.IssuedAt),
    };

    private static IncidentNotice Rejecting(int? index, Func<IncidentNotice> prepare)
    {
        try
        {
            return prepare();
        }
        catch (NoticeRejectedException ex) when (index is not null)
        {
            throw Rejection(index, ex.Violations);
        }
    }

    // In a batch the message and every violation say which notice they are about, so each can be shown on its own.
    private static NoticeRejectedException Rejection(int? index, IReadOnlyList<FieldViolation> violations)
    {
        var prefix = index is null ? "" : $"Notice #{index + 1} of the batch: ";
        return new NoticeRejectedException(
            prefix + string.Join(" ", FieldViolation.Sentences(violations)),
            violations.Select(v => v with { Description = prefix + v.Description }).ToArray());
    }
}
