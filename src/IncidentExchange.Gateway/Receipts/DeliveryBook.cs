using System.Collections.Concurrent;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Receipts;

/// <summary>
/// At the origin: for every notice this node published, its intended recipients and what their signed
/// receipts say (delivered when, acknowledged when and by whom). Kept as JSON lines in
/// <c>&lt;DataDirectory&gt;/deliveries.log</c> and replayed at start. The first receipt of each kind per
/// recipient counts; repeats (redeliveries) change nothing.
/// </summary>
public sealed class DeliveryBook : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<(string NoticeId, uint Revision), Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, uint> _latestRevision = new(StringComparer.Ordinal);
    private readonly StreamWriter _log;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the log in the node's data folder and replays it.</summary>
    public DeliveryBook(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.Value.DataDirectory);
        var path = Path.Combine(options.Value.DataDirectory, "deliveries.log");
        if (File.Exists(path))
        {
            // A torn last line (crash while writing) is skipped: it was never acknowledged to anyone.
            foreach (var line in File.ReadLines(path))
            {
                if (TryParse(line) is { } entry)
                {
                    Apply(entry);
                }
            }
        }

        _log = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { NewLine = "\n", AutoFlush = true };
        // After a torn last line, start on a fresh one: the next entry must not be glued to the fragment.
        if (_log.BaseStream.Position > 0 && LastByte(path) != (byte)'\n')
        {
            _log.WriteLine();
        }
    }

    /// <summary>Remembers that <paramref name="notice"/> was published for <paramref name="recipients"/>.</summary>
    public void Expect(IncidentNotice notice, IEnumerable<string> recipients, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Write(new Entry("expect", notice.NoticeId, notice.Revision, notice.Sequence, publishedAt, [.. recipients.Order(StringComparer.Ordinal)], null, null));
    }

    /// <summary>Records a verified receipt for one of this node's notices, received at <paramref name="receivedAt"/>.</summary>
    public void Record(Receipt receipt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var kind = receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered";
        // The receipt's own time is the recipient's word: kept only between the publication and the moment it
        // arrived here, so a wrong clock (or a backdating key thief) cannot show a time that cannot be.
        var at = receipt.At.ToDateTimeOffset();
        if (_deliveries.TryGetValue((receipt.NoticeId, receipt.NoticeRevision), out var delivery) && at < delivery.PublishedAt)
        {
            at = delivery.PublishedAt;
        }

        Write(new Entry(kind, receipt.NoticeId, receipt.NoticeRevision, receipt.NoticeSequence, at > receivedAt ? receivedAt : at, null, receipt.Recipient, receipt.AcknowledgedBy));
    }

    /// <summary>The delivery status of a notice (revision 0 = the latest published), or null if this node did not publish it.</summary>
    public DeliveryStatusReply? Status(string noticeId, uint revision)
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
            var reply = new DeliveryStatusReply { NoticeId = noticeId, Revision = revision, Sequence = delivery.Sequence, PublishedAt = Timestamp.FromDateTimeOffset(delivery.PublishedAt) };
            foreach (var (node, state) in delivery.Recipients.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var recipient = new RecipientStatus { NodeId = node, AcknowledgedBy = state.AcknowledgedBy ?? "" };
                recipient.DeliveredAt = state.DeliveredAt is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null;
                recipient.AcknowledgedAt = state.AcknowledgedAt is { } acknowledged ? Timestamp.FromDateTimeOffset(acknowledged) : null;
                reply.Recipients.Add(recipient);
            }

            return reply;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();

    // Written first, then applied: an entry in memory is always one the log has too. A failing disk is
    // logged by the caller's retry, never half-applied.
    private void Write(Entry entry)
    {
        lock (_lock)
        {
            if (!Changes(entry))
            {
                return;
            }

            _log.WriteLine(JsonSerializer.Serialize(entry, Json));
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
            && ((entry.Kind == "delivered" && state.DeliveredAt is null) || (entry.Kind == "acknowledged" && state.AcknowledgedAt is null))
            ? state
            : null;

    private void Apply(Entry entry)
    {
        if (entry.Kind == "expect")
        {
            _latestRevision.AddOrUpdate(entry.NoticeId, entry.Revision, (_, known) => Math.Max(known, entry.Revision));
            _deliveries.TryAdd((entry.NoticeId, entry.Revision), new Delivery(entry.Sequence, entry.At, (entry.Recipients ?? []).ToDictionary(r => r, _ => new RecipientState(), StringComparer.Ordinal)));
            return;
        }

        if (RecipientToUpdate(entry) is not { } state)
        {
            return;
        }

        if (entry.Kind == "acknowledged")
        {
            state.AcknowledgedAt = entry.At;
            state.AcknowledgedBy = entry.By;
        }

        // An acknowledgement implies delivery, even if its DELIVERED receipt was lost.
        state.DeliveredAt ??= entry.At;
    }

    private static Entry? TryParse(string line)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(line, Json);
            return entry is { Kind: not null, NoticeId: not null } ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int LastByte(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.Length == 0)
        {
            return '\n';
        }

        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte();
    }

    private sealed record Entry(string Kind, string NoticeId, uint Revision, ulong Sequence, DateTimeOffset At, string[]? Recipients, string? Node, string? By);

    private sealed record Delivery(ulong Sequence, DateTimeOffset PublishedAt, Dictionary<string, RecipientState> Recipients);

    private sealed class RecipientState
    {
        public DateTimeOffset? DeliveredAt { get; set; }

        public DateTimeOffset? AcknowledgedAt { get; set; }

        public string? AcknowledgedBy { get; set; }
    }
}
