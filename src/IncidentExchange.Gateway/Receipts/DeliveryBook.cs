using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// At the origin: for every notice this node published, its intended recipients and what their signed
/// receipts say (delivered when, acknowledged when and by whom). Kept as JSON lines in
/// <c>&lt;DataDirectory&gt;/deliveries.log</c> and replayed at start. The first receipt of each kind per
/// recipient counts; repeats (redeliveries) change nothing. For critical notices it also tracks the
/// acknowledgement deadline: which recipients are overdue, and when each was re-alerted (once).
/// </summary>
public sealed class DeliveryBook : IDisposable
{
    private readonly ConcurrentDictionary<(string NoticeId, uint Revision), Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, uint> _latestRevision = new(StringComparer.Ordinal);
    // Critical notices whose deadline runs and that still hold their envelope: the only ones the watcher looks at.
    private readonly HashSet<(string NoticeId, uint Revision)> _awaiting = [];
    private readonly TimeSpan _deadline;
    private readonly JsonLinesLog<Entry> _log;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the log in the node's data folder and replays it.</summary>
    public DeliveryBook(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _deadline = options.Value.Alerts.AcknowledgeDeadline;
        _log = new JsonLinesLog<Entry>(Path.Combine(options.Value.DataDirectory, "deliveries.log"), e => e is { Kind: not null, NoticeId: not null }, Apply);
    }

    /// <summary>Remembers that <paramref name="notice"/> is being published for <paramref name="recipients"/> (before publishing: a fast receipt must find it).</summary>
    public void Expect(IncidentNotice notice, IEnumerable<string> recipients, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Write(new Entry("expect", notice.NoticeId, notice.Revision, notice.Sequence, publishedAt, [.. recipients.Order(StringComparer.Ordinal)], null, null));
    }

    /// <summary>
    /// Once the broker confirmed <paramref name="notice"/>: if it is a critical notice of a live incident (open or
    /// update), its acknowledgement deadline starts, and <paramref name="envelope"/> (the signed bytes) is kept until
    /// every recipient acknowledged or was re-alerted with it. A later revision ends the deadline of earlier ones.
    /// </summary>
    public void Published(IncidentNotice notice, ReadOnlyMemory<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var deadline = notice.Severity == Severity.Critical && (notice.Status is NoticeStatus.Open or NoticeStatus.Update);
        Write(new Entry(deadline ? "deadline" : "superseding", notice.NoticeId, notice.Revision, notice.Sequence, default, null, null, null)
        {
            Envelope = deadline ? Convert.ToBase64String(envelope.Span) : null,
        });
    }

    /// <summary>Records a verified receipt for one of this node's notices, received at <paramref name="receivedAt"/>.</summary>
    /// <returns>How long after the broker confirmed the notice the receipt arrived, if this node published it.</returns>
    public TimeSpan? Record(Receipt receipt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var kind = receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered";
        var publishedAt = _deliveries.TryGetValue((receipt.NoticeId, receipt.NoticeRevision), out var delivery) ? delivery.PublishedAt : (DateTimeOffset?)null;
        var at = ReceiptTimes.Bounded(receipt.At, publishedAt, receivedAt);
        Write(new Entry(kind, receipt.NoticeId, receipt.NoticeRevision, receipt.NoticeSequence, at, null, receipt.Recipient, receipt.AcknowledgedBy));
        return receivedAt - publishedAt;
    }

    /// <summary>
    /// Recipients of critical notices whose deadline passed at <paramref name="now"/> without an acknowledgement
    /// and who were not re-alerted yet, with the signed envelope to re-alert them with.
    /// </summary>
    public IReadOnlyList<OverdueRecipient> DueForRealert(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _awaiting
                .Select(key => (Key: key, Delivery: _deliveries[key]))
                .Where(d => d.Delivery.PublishedAt + _deadline <= now)
                .SelectMany(d => d.Delivery.Recipients
                    .Where(r => r.Value.IsAwaited)
                    .Select(r => new OverdueRecipient(d.Key.NoticeId, d.Key.Revision, r.Key, d.Delivery.Envelope!)))
                .ToArray();
        }
    }

    /// <summary>Records that <paramref name="recipient"/> was re-alerted at <paramref name="at"/>.</summary>
    public void Realerted(OverdueRecipient recipient, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Write(new Entry("realerted", recipient.NoticeId, recipient.Revision, 0, at, null, recipient.NodeId, null));
    }

    /// <summary>Records that <paramref name="recipient"/> cannot be re-alerted (no route to it): it is not tried again.</summary>
    public void RealertFailed(OverdueRecipient recipient, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Write(new Entry("realert-failed", recipient.NoticeId, recipient.Revision, 0, at, null, recipient.NodeId, null));
    }

    /// <summary>The delivery status of a notice (revision 0 = the latest published) at <paramref name="now"/>, or null if this node did not publish it.</summary>
    public DeliveryStatusReply? Status(string noticeId, uint revision, DateTimeOffset now)
    {
        if (revision == 0 && !_latestRevision.TryGetValue(noticeId, out revision))
        {
            return null;
        }

        if (!_deliveries.TryGetValue((noticeId, revision), out var delivery))
        {
            return null;
        }

        lock (_lock)
        {
            var deadline = delivery.PublishedAt + _deadline;
            var reply = new DeliveryStatusReply
            {
                NoticeId = noticeId,
                Revision = revision,
                Sequence = delivery.Sequence,
                PublishedAt = Timestamp.FromDateTimeOffset(delivery.PublishedAt),
                AcknowledgeBy = delivery.Critical ? Timestamp.FromDateTimeOffset(deadline) : null,
            };
            foreach (var (node, state) in delivery.Recipients.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                reply.Recipients.Add(new RecipientStatus
                {
                    NodeId = node,
                    AcknowledgedBy = state.AcknowledgedBy ?? "",
                    DeliveredAt = ReceiptTimes.ToTimestamp(state.DeliveredAt),
                    AcknowledgedAt = ReceiptTimes.ToTimestamp(state.AcknowledgedAt),
                    Overdue = delivery.Critical && now >= deadline && (state.AcknowledgedAt is null || state.AcknowledgedAt > deadline),
                    RealertedAt = ReceiptTimes.ToTimestamp(state.RealertedAt),
                });
            }

            return reply;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();

    // Written first, then applied: an entry in memory is always one the log has too.
    private void Write(Entry entry)
    {
        lock (_lock)
        {
            if (!Changes(entry))
            {
                return;
            }

            _log.Append(entry);
            Apply(entry);
        }
    }

    // The one rule for what an entry changes, used before writing it and when applying it.
    private bool Changes(Entry entry) => entry.Kind switch
    {
        "expect" => !_deliveries.ContainsKey((entry.NoticeId, entry.Revision)),
        // Written once per revision: a repeated publish of a confirmed notice changes nothing.
        "deadline" => _deliveries.TryGetValue((entry.NoticeId, entry.Revision), out var delivery) && !delivery.Critical,
        "superseding" => _awaiting.Any(key => key.NoticeId == entry.NoticeId && key.Revision < entry.Revision),
        _ => RecipientToUpdate(entry) is not null,
    };

    // A receipt from a node outside the audience (or for a notice not published here), or a repeat, changes nothing.
    private RecipientState? RecipientToUpdate(Entry entry) =>
        _deliveries.TryGetValue((entry.NoticeId, entry.Revision), out var delivery) && entry.Node is not null
            && delivery.Recipients.TryGetValue(entry.Node, out var state)
            && entry.Kind switch
            {
                "delivered" => state.DeliveredAt is null,
                "acknowledged" => state.AcknowledgedAt is null,
                "realerted" or "realert-failed" => state.RealertedAt is null && !state.RealertFailed,
                _ => false,
            }
            ? state
            : null;

    private void Apply(Entry entry)
    {
        switch (entry.Kind)
        {
            case "expect":
                _latestRevision.AddOrUpdate(entry.NoticeId, entry.Revision, (_, known) => Math.Max(known, entry.Revision));
                var recipients = (entry.Recipients ?? []).ToDictionary(r => r, _ => new RecipientState(), StringComparer.Ordinal);
                _deliveries.TryAdd((entry.NoticeId, entry.Revision), new Delivery(entry.Sequence, entry.At, recipients));
                return;
            case "deadline" or "superseding":
                StartDeadline(entry);
                return;
        }

        if (RecipientToUpdate(entry) is not { } state)
        {
            return;
        }

        switch (entry.Kind)
        {
            case "realerted":
                state.RealertedAt = entry.At;
                break;
            case "realert-failed":
                state.RealertFailed = true;
                break;
            case "acknowledged":
                state.AcknowledgedAt = entry.At;
                state.AcknowledgedBy = entry.By;
                // An acknowledgement implies delivery, even if its DELIVERED receipt was lost.
                state.DeliveredAt ??= entry.At;
                break;
            default:
                state.DeliveredAt ??= entry.At;
                break;
        }

        ReleaseIfSettled((entry.NoticeId, entry.Revision));
    }

    // A new revision ends the deadline of the ones before it (their recipients are not re-alerted with an old text);
    // a critical, live one starts its own.
    private void StartDeadline(Entry entry)
    {
        foreach (var older in _awaiting.Where(key => key.NoticeId == entry.NoticeId && key.Revision < entry.Revision).ToArray())
        {
            _deliveries[older].Envelope = null;
            _awaiting.Remove(older);
        }

        if (entry.Kind == "deadline" && _deliveries.TryGetValue((entry.NoticeId, entry.Revision), out var delivery))
        {
            delivery.Critical = true;
            delivery.Envelope = Convert.FromBase64String(entry.Envelope ?? "");
            _awaiting.Add((entry.NoticeId, entry.Revision));
            ReleaseIfSettled((entry.NoticeId, entry.Revision));
        }
    }

    // Nobody left to re-alert: the envelope is no longer needed in memory.
    private void ReleaseIfSettled((string NoticeId, uint Revision) key)
    {
        var delivery = _deliveries[key];
        if (delivery.Envelope is not null && delivery.Recipients.Values.All(r => !r.IsAwaited))
        {
            delivery.Envelope = null;
            _awaiting.Remove(key);
        }
    }

    private sealed record Entry(string Kind, string NoticeId, uint Revision, ulong Sequence, DateTimeOffset At, string[]? Recipients, string? Node, string? By)
    {
        public string? Envelope { get; init; }
    }

    private sealed record Delivery(ulong Sequence, DateTimeOffset PublishedAt, Dictionary<string, RecipientState> Recipients)
    {
        // True once its acknowledgement deadline started (a confirmed critical notice of a live incident).
        public bool Critical { get; set; }

        public byte[]? Envelope { get; set; }
    }

    private sealed class RecipientState
    {
        public DateTimeOffset? DeliveredAt { get; set; }

        public DateTimeOffset? AcknowledgedAt { get; set; }

        public string? AcknowledgedBy { get; set; }

        public DateTimeOffset? RealertedAt { get; set; }

        public bool RealertFailed { get; set; }

        // Still owes an acknowledgement and has not been re-alerted (or found unreachable) yet.
        public bool IsAwaited => AcknowledgedAt is null && RealertedAt is null && !RealertFailed;
    }
}
