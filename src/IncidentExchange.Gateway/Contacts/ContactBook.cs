using System.Collections.Concurrent;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// The node's copy of the points-of-contact directory: the trust rules of <see cref="ContactDirectory"/>
/// plus persistence. Rebuilt at start from the stored envelopes, each verified again in version order.
/// </summary>
public sealed class ContactBook
{
    private readonly NodeIdentity _identity;
    private readonly DirectoryStore _store;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ContactBook> _logger;
    private readonly ConcurrentDictionary<string, bool> _heardSinceStart = new(StringComparer.Ordinal);

    /// <summary>Restores the directory from the data folder.</summary>
    public ContactBook(NodeIdentity identity, DirectoryStore store, GatewayMetrics metrics, TimeProvider time, ILogger<ContactBook> logger)
    {
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Restore();
    }

    /// <summary>Raised the first time since start that a verified record of another node arrives (even an unchanged one).</summary>
    public event Action<string>? PeerHeard;

    /// <summary>The directory itself.</summary>
    public ContactDirectory Directory => _identity.Directory;

    /// <summary>Offers a record the inspector accepted; stores it when it becomes (or already is) held.</summary>
    public RecordDecision Receive(InspectionResult inspected)
    {
        ArgumentNullException.ThrowIfNull(inspected);
        var record = inspected.Record ?? throw new ArgumentException("The inspection result carries no contact record.", nameof(inspected));
        var decision = Directory.Offer(inspected.Envelope!, record, _time.GetUtcNow());
        if (decision.Outcome != RecordOutcome.Refused)
        {
            // Also on a duplicate: if the store failed after an earlier accept, the redelivery writes it.
            var held = Directory.History(record.NodeId).First(v => v.Envelope.Payload.Equals(inspected.Envelope!.Payload));
            _store.Save(held);
        }

        if (decision.Outcome == RecordOutcome.Accepted)
        {
            _metrics.RecordAccepted();
            _logger.LogInformation("Accepted contact record version {Version} of {Node}, signed with key {KeyId}.", record.Version, record.NodeId, inspected.Envelope!.KeyId);
        }

        if (decision.Outcome != RecordOutcome.Refused && record.NodeId != _identity.NodeId && _heardSinceStart.TryAdd(record.NodeId, true))
        {
            PeerHeard?.Invoke(record.NodeId);
        }

        return decision;
    }

    private void Restore()
    {
        var refusedNodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, body, storedAt, path) in _store.LoadAll())
        {
            if (refusedNodes.Contains(node))
            {
                continue;
            }

            var inspected = _identity.Inspector.Inspect(body);
            if (inspected.Record is null || inspected.Record.NodeId != node)
            {
                refusedNodes.Add(node);
                _logger.LogError("Stored contact record {Path} no longer verifies ({Reason}: {Detail}); it and later versions of that node are ignored.", path, inspected.Reason, inspected.Detail);
                continue;
            }

            var decision = Directory.Offer(inspected.Envelope!, inspected.Record, storedAt);
            if (decision.Outcome == RecordOutcome.Refused)
            {
                refusedNodes.Add(inspected.Record.NodeId);
                _logger.LogError("Stored contact record {Path} is refused ({Reason}: {Detail}); later versions of that node are ignored.", path, decision.Reason, decision.Detail);
            }
        }
    }
}
