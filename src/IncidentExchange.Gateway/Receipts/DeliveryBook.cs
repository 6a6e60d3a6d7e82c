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

    /// <summary>
    /// Remembers that <paramref name="notice"/> was published for <paramref name="recipients"/>. For a critical
    /// notice, <paramref name="envelope"/> (the signed bytes) is kept until every recipient acknowledged or was
    /// re-alerted with it.
    /// </summary>
    public void Expect(IncidentNotice notice, IEnumerable<string> recipients, DateTimeOffset publishedAt, ReadOnlyMemory<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var critical = notice.Severity == Severity.Critical;
        Write(new Entry("expect", notice.NoticeId, notice.Revision, notice.Sequence, publishedAt, [.. recipients.Order(StringComparer.Ordinal)], null, null)
        {
            Critical = critical,
            Envelope = critical ? Convert.ToBase64String(envelope.Span) : null,
        });
    }

    /// <summary>Records a verified receipt for one of this node's notices, received at <paramref name="receivedAt"/>.</summary>
    public void Record(Receipt receipt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var kind = receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered";
        var publishedAt = _deliveries.TryGetValue((receipt.NoticeId, receipt.NoticeRevision), out var delivery) ? delivery.PublishedAt : (DateTimeOffset?)null;
        var at = ReceiptTimes.Bounded(receipt.At, publishedAt, receivedAt);
        Write(new Entry(kind, receipt.NoticeId, receipt.NoticeRevision, receipt.NoticeSequence, at, null, receipt.Recipient, receipt.AcknowledgedBy));
    }

    /// <summary>
    /// Recipients of critical notices whose deadline passed at <paramref name="now"/> without an acknowledgement
    /// and who were not re-alerted yet, with the signed envelope to re-alert them with.
    /// </summary>
    public IReadOnlyList<OverdueRecipient> DueForRealert(DateTimeOffset now)
    {
        lock (_lock)
        {
            return _deliveries
                .Where(d => d.Value.Envelope is not null && d.Value.PublishedAt + _deadline <= now)
                .SelectMany(d => d.Value.Recipients
                    .Where(r => r.Value.AcknowledgedAt is null && r.Value.RealertedAt is null)
                    .Select(r => new OverdueRecipient(d.Key.NoticeId, d.Key.Revision, r.Key, d.Value.Envelope!)))
                .ToArray();
        }
    }

    /// <summary>Records that <paramref name="recipient"/> was re-alerted (or that re-alerting it was tried) at <paramref name="at"/>.</summary>
    public void Realerted(OverdueRecipient recipient, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        Write(new Entry("realerted", recipient.NoticeId, recipient.Revision, 0, at, null, recipient.NodeId, null));
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
    private bool Changes(Entry entry) =>
        entry.Kind == "expect" ? !_deliveries.ContainsKey((entry.NoticeId, entry.Revision)) : RecipientToUpdate(entry) is not null;

    // A receipt from a node outside the audience (or for a notice not published here), or a repeat, changes nothing.
    private RecipientState? RecipientToUpdate(Entry entry) =>
        _deliveries.TryGetValue((entry.NoticeId, entry.Revision), out var delivery) && entry.Node is not null
            && delivery.Recipients.TryGetValue(entry.Node, out var state)
            && entry.Kind switch
            {
                "delivered" => state.DeliveredAt is null,
                "acknowledged" => state.AcknowledgedAt is null,
                "realerted" => state.RealertedAt is null,
                _ => false,
            }
            ? state
            : null;

    private void Apply(Entry entry)
    {
        if (entry.Kind == "expect")
        {
            _latestRevision.AddOrUpdate(entry.NoticeId, entry.Revision, (_, known) => Math.Max(known, entry.Revision));
            var recipients = (entry.Recipients ?? []).ToDictionary(r => r, _ => new RecipientState(), StringComparer.Ordinal);
            var envelope = entry.Envelope is { } base64 ? Convert.FromBase64String(base64) : null;
            _deliveries.TryAdd((entry.NoticeId, entry.Revision), new Delivery(entry.Sequence, entry.At, recipients, entry.Critical) { Envelope = envelope });
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

        // Nobody left to re-alert: the envelope is no longer needed in memory.
        var delivery = _deliveries[(entry.NoticeId, entry.Revision)];
        if (delivery.Recipients.Values.All(r => r.AcknowledgedAt is not null || r.RealertedAt is not null))
        {
            delivery.Envelope = null;
        }
    }

    private sealed record Entry(string Kind, string NoticeId, uint Revision, ulong Sequence, DateTimeOffset At, string[]? Recipients, string? Node, string? By)
    {
        public bool Critical { get; init; }

        public string? Envelope { get; init; }
    }

    private sealed record Delivery(ulong Sequence, DateTimeOffset PublishedAt, Dictionary<string, RecipientState> Recipients, bool Critical)
    {
        public byte[]? Envelope { get; set; }
    }

    private sealed class RecipientState
    {
        public DateTimeOffset? DeliveredAt { get; set; }

        public DateTimeOffset? AcknowledgedAt { get; set; }

        public string? AcknowledgedBy { get; set; }

        public DateTimeOffset? RealertedAt { get; set; }
    }
}
