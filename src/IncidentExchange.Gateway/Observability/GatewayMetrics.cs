using System.Diagnostics.Metrics;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Gateway.Observability;

/// <summary>
/// The gateway's counters (meter <c>IncidentExchange.Gateway</c>). Also kept as plain totals so
/// tests and the health output can read them without a metrics exporter.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    /// <summary>Meter name, for exporters.</summary>
    public const string MeterName = "IncidentExchange.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _duplicatePublishes;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicateDeliveries;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _recordsAccepted;
    private readonly Counter<long> _checksReceived;
    private readonly Counter<long> _checksSent;
    private readonly Counter<long> _acknowledgementsOverdue;
    private readonly Counter<long> _callsRefused;
    private readonly Counter<long> _recordsDuplicate;
    private readonly Histogram<double> _receiptLatency;
    private volatile IReadOnlyDictionary<string, bool> _linksUp = new Dictionary<string, bool>();
    private volatile IReadOnlyDictionary<string, long> _backlogs = new Dictionary<string, long>();
    private long _recordDuplicatesTotal;
    private long _overdueTotal;
    private long _refusedTotal;
    private long _duplicatesTotal;
    private readonly Dictionary<RejectionReason, long> _quarantinedByReason = [];
    private readonly Lock _lock = new();

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _published = _meter.CreateCounter<long>("incx.notices.published", description: "Notices this node signed and the broker confirmed.");
        _duplicatePublishes = _meter.CreateCounter<long>("incx.notices.publish_duplicates", description: "Publish requests answered from the ledger without sending anything.");
        _accepted = _meter.CreateCounter<long>("incx.notices.accepted", description: "Inbound notices verified and delivered to subscribers.");
        _duplicateDeliveries = _meter.CreateCounter<long>("incx.notices.duplicates_suppressed", description: "Inbound notices already seen (redeliveries, re-sent envelopes).");
        _quarantined = _meter.CreateCounter<long>("incx.envelopes.quarantined", description: "Inbound envelopes quarantined, by reason.");
        _checksReceived = _meter.CreateCounter<long>("incx.checks.received", description: "Communication checks from other nodes put before this node's contact points.");
        _checksSent = _meter.CreateCounter<long>("incx.checks.sent", description: "Communication checks this node sent, counted per target.");
        _acknowledgementsOverdue = _meter.CreateCounter<long>("incx.alerts.acknowledgements_overdue", description: "Recipients of this node's critical notices that did not acknowledge within the deadline (each re-alerted once).");
        _callsRefused = _meter.CreateCounter<long>("incx.gateway.calls_refused", description: "gRPC calls refused for a missing, unknown or foreign token (unauthenticated) or a missing role (permission_denied).");
        _recordsDuplicate = _meter.CreateCounter<long>("incx.contacts.records_duplicate", description: "Contact records already held byte for byte (re-announcements, replays): nothing changed.");
        _receiptLatency = _meter.CreateHistogram<double>("incx.receipts.latency", unit: "s", description: "From the broker's confirm of this node's notice to the arrival of a recipient's signed receipt, by kind (delivered, acknowledged).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600] });
        _meter.CreateObservableGauge("incx.federation.link_up", () => _linksUp.Select(l => new Measurement<int>(l.Value ? 1 : 0, new KeyValuePair<string, object?>("peer", l.Key))),
            description: "1 while this broker's federation link from a peer runs, else 0 (read every Incx:Telemetry:SampleInterval).");
        _meter.CreateObservableGauge("incx.subscriptions.backlog", () => _backlogs.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("subscription", b.Key))),
            description: "Alerts waiting in each durable subscription (not yet acknowledged), read every Incx:Telemetry:SampleInterval.");
        _recordsAccepted = _meter.CreateCounter<long>("incx.contacts.records_accepted", description: "Contact records (own and peers') taken into the directory as a node's new current record.");
    }

    /// <summary>Quarantined envelopes so far, by reason.</summary>
    public IReadOnlyDictionary<RejectionReason, long> QuarantinedByReason
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<RejectionReason, long>(_quarantinedByReason);
            }
        }
    }

    /// <summary>Recipients of this node's critical notices found overdue so far.</summary>
    public long AcknowledgementsOverdue => Interlocked.Read(ref _overdueTotal);

    internal void CheckReceived() => _checksReceived.Add(1);

    internal void ChecksSent(int targets) => _checksSent.Add(targets);

    internal void AcknowledgementOverdue()
    {
        _acknowledgementsOverdue.Add(1);
        Interlocked.Increment(ref _overdueTotal);
    }

    internal void NoticesPublished(int count) => _published.Add(count);

    internal void DuplicatePublishSuppressed() => _duplicatePublishes.Add(1);

    internal void NoticeAccepted() => _accepted.Add(1);

    /// <summary>Inbound notices dropped as already seen so far (redeliveries, replays, re-sent envelopes).</summary>
    public long DuplicatesSuppressed => Interlocked.Read(ref _duplicatesTotal);

    internal void DuplicateDeliverySuppressed()
    {
        _duplicateDeliveries.Add(1);
        Interlocked.Increment(ref _duplicatesTotal);
    }

    internal void RecordAccepted() => _recordsAccepted.Add(1);

    /// <summary>Contact records received that were already held, so far.</summary>
    public long RecordDuplicates => Interlocked.Read(ref _recordDuplicatesTotal);

    internal void RecordDuplicate()
    {
        _recordsDuplicate.Add(1);
        Interlocked.Increment(ref _recordDuplicatesTotal);
    }

    /// <summary>The latest link states and subscription backlogs, for the gauges.</summary>
    internal void Sampled(IReadOnlyDictionary<string, bool> linksUp, IReadOnlyDictionary<string, long> backlogs)
    {
        _linksUp = linksUp;
        _backlogs = backlogs;
    }

    internal void ReceiptArrived(string kind, TimeSpan sincePublished) =>
        _receiptLatency.Record(Math.Max(0, sincePublished.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));

    /// <summary>gRPC calls refused by the authorization check so far.</summary>
    public long CallsRefused => Interlocked.Read(ref _refusedTotal);

    internal void CallRefused(string status, string method)
    {
        _callsRefused.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("method", method));
        Interlocked.Increment(ref _refusedTotal);
    }

    internal void Quarantined(RejectionReason reason)
    {
        _quarantined.Add(1, new KeyValuePair<string, object?>("reason", reason.Slug()));
        lock (_lock)
        {
            _quarantinedByReason[reason] = _quarantinedByReason.GetValueOrDefault(reason) + 1;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
