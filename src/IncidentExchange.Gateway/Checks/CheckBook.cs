using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Receipts;
using IncidentExchange.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Checks;

/// <summary>
/// At the sender: every communication check this node sent and what its targets' signed receipts say, kept as
/// JSON lines in <c>&lt;DataDirectory&gt;/checks.log</c> and replayed at start, so a CERT can show its partners'
/// response times over months. The first receipt of each kind per target counts. Outcomes are judged by when a
/// receipt arrived here (the time a receipt claims is the recipient's word, shown but not trusted for the verdict);
/// answers that arrive after the timeout are kept with their times but do not change the outcome.
/// </summary>
public sealed class CheckBook : IDisposable
{
    private readonly Dictionary<string, SentCheck> _checks = new(StringComparer.Ordinal);
    private readonly List<SentCheck> _order = [];
    private readonly JsonLinesLog<Entry> _log;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the log in the node's data folder and replays it.</summary>
    public CheckBook(IOptions<NodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _log = new JsonLinesLog<Entry>(Path.Combine(options.Value.DataDirectory, "checks.log"), e => e is { Kind: not null, CheckId: not null }, Apply);
    }

    /// <summary>Remembers that <paramref name="check"/> was sent, with <paramref name="timeout"/> to answer.</summary>
    public void Sent(CommunicationCheck check, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(check);
        Write(new Entry("sent", check.CheckId, check.IssuedAt.ToDateTimeOffset(), null, null) { Targets = [.. check.Targets], TimeoutMs = (long)timeout.TotalMilliseconds, Text = check.Text });
    }

    /// <summary>Records that nothing could be sent to <paramref name="node"/>, and why.</summary>
    public void NotSent(string checkId, string node, string detail, DateTimeOffset at) =>
        Write(new Entry("not-sent", checkId, at, node, null) { Detail = detail });

    /// <summary>Records a verified receipt that answers one of this node's checks, received at <paramref name="receivedAt"/>.</summary>
    public void Record(Receipt receipt, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        DateTimeOffset? sentAt;
        lock (_lock)
        {
            sentAt = _checks.TryGetValue(receipt.CheckId, out var check) ? check.SentAt : null;
        }

        var kind = receipt.Kind == ReceiptKind.Acknowledged ? "acknowledged" : "delivered";
        Write(new Entry(kind, receipt.CheckId, ReceiptTimes.Bounded(receipt.At, sentAt, receivedAt), receipt.Recipient, receipt.AcknowledgedBy) { ArrivedAt = receivedAt });
    }

    /// <summary>The report of a check as it stands at <paramref name="now"/>, or null if this node did not send it.</summary>
    public CheckReport? Report(string checkId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _checks.TryGetValue(checkId, out var check) ? check.Report(now) : null;
        }
    }

    /// <summary>The reports of the last <paramref name="limit"/> checks, newest first.</summary>
    public IReadOnlyList<CheckReport> Recent(int limit, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _order.AsEnumerable().Reverse().Take(limit).Select(c => c.Report(now)).ToArray();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();

    // Written first, then applied: an entry in memory is always one the log has too. Repeats are not written.
    private void Write(Entry entry)
    {
        lock (_lock)
        {
            if (entry.Kind == "sent" ? _checks.ContainsKey(entry.CheckId) : TargetToUpdate(entry) is null)
            {
                return;
            }

            _log.Append(entry);
            Apply(entry);
        }
    }

    // A receipt from a node that was not asked (or for a check not sent here), or a repeat, changes nothing.
    private CheckTarget? TargetToUpdate(Entry entry) =>
        _checks.TryGetValue(entry.CheckId, out var check) && entry.Node is not null && check.Targets.TryGetValue(entry.Node, out var target)
            && entry.Kind switch
            {
                "delivered" => target.DeliveredArrived is null,
                "acknowledged" => target.AcknowledgedArrived is null,
                "not-sent" => target.NotSent is null,
                _ => false,
            }
            ? target
            : null;

    private void Apply(Entry entry)
    {
        if (entry.Kind == "sent")
        {
            if (_checks.ContainsKey(entry.CheckId))
            {
                return;
            }

            var check = new SentCheck(entry.CheckId, entry.At, TimeSpan.FromMilliseconds(entry.TimeoutMs ?? 0), entry.Text ?? "",
                (entry.Targets ?? []).ToDictionary(t => t, _ => new CheckTarget(), StringComparer.Ordinal));
            _checks[entry.CheckId] = check;
            _order.Add(check);
            return;
        }

        if (TargetToUpdate(entry) is not { } target)
        {
            return;
        }

        switch (entry.Kind)
        {
            case "not-sent":
                target.NotSent = entry.Detail ?? "";
                break;
            case "acknowledged":
                target.AcknowledgedAt = entry.At;
                target.AcknowledgedArrived = entry.ArrivedAt ?? entry.At;
                target.AcknowledgedBy = entry.By;
                // An acknowledgement implies delivery, even if its DELIVERED receipt was lost.
                target.DeliveredAt ??= entry.At;
                target.DeliveredArrived ??= target.AcknowledgedArrived;
                break;
            default:
                target.DeliveredAt = entry.At;
                target.DeliveredArrived = entry.ArrivedAt ?? entry.At;
                break;
        }
    }

    private sealed record Entry(string Kind, string CheckId, DateTimeOffset At, string? Node, string? By)
    {
        public string[]? Targets { get; init; }

        public long? TimeoutMs { get; init; }

        public string? Text { get; init; }

        public string? Detail { get; init; }

        // When the receipt arrived here (receipts only).
        public DateTimeOffset? ArrivedAt { get; init; }
    }

    private sealed record SentCheck(string CheckId, DateTimeOffset SentAt, TimeSpan Timeout, string Text, Dictionary<string, CheckTarget> Targets)
    {
        public CheckReport Report(DateTimeOffset now)
        {
            var deadline = SentAt + Timeout;
            var report = new CheckReport
            {
                CheckId = CheckId,
                SentAt = Timestamp.FromDateTimeOffset(SentAt),
                Timeout = Duration.FromTimeSpan(Timeout),
                Text = Text,
            };
            foreach (var (node, target) in Targets.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                report.Targets.Add(new CheckTargetReport
                {
                    NodeId = node,
                    Outcome = target.Outcome(now, deadline),
                    DeliveredAt = ReceiptTimes.ToTimestamp(target.DeliveredAt),
                    AcknowledgedAt = ReceiptTimes.ToTimestamp(target.AcknowledgedAt),
                    AcknowledgedBy = target.AcknowledgedBy ?? "",
                    Detail = target.NotSent ?? "",
                });
            }

            report.Complete = now >= deadline || report.Targets.All(t => t.Outcome is CheckOutcome.Acknowledged or CheckOutcome.NotSent);
            return report;
        }
    }

    private sealed class CheckTarget
    {
        public DateTimeOffset? DeliveredAt { get; set; }

        public DateTimeOffset? AcknowledgedAt { get; set; }

        public string? AcknowledgedBy { get; set; }

        public DateTimeOffset? DeliveredArrived { get; set; }

        public DateTimeOffset? AcknowledgedArrived { get; set; }

        public string? NotSent { get; set; }

        // Judged by arrival at the deadline: what came later is kept with its time but does not make a late answer
        // on time. A receipt outweighs "not sent" (a publish that timed out may still have reached the broker).
        public CheckOutcome Outcome(DateTimeOffset now, DateTimeOffset deadline) =>
            AcknowledgedArrived <= deadline ? CheckOutcome.Acknowledged
            : now < deadline && NotSent is null ? CheckOutcome.Waiting
            : DeliveredArrived <= deadline ? CheckOutcome.Delivered
            : NotSent is not null ? CheckOutcome.NotSent
            : CheckOutcome.NoAnswer;
    }
}
