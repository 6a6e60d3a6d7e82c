using IncidentExchange.Contracts.V1;
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

    /// <summary>
    /// Raised when a record of another node that passed the inspector arrives as a hello: that peer asks for
    /// records in return (even if this node refuses its record, e.g. a node that lost its data).
    /// </summary>
    public event Action<string>? PeerHeard;

    /// <summary>Raised when this node's own record changed (a new version was accepted).</summary>
    public event Action<ContactRecord>? OwnRecordAccepted;

    /// <summary>The directory itself.</summary>
    public ContactDirectory Directory => _identity.Directory;

    /// <summary>Offers a record the inspector accepted; stores it when it becomes (or already is) held.</summary>
    /// <param name="envelope">The envelope the inspector accepted.</param>
    /// <param name="record">The record in it.</param>
    /// <param name="hello">True if the sender asked for records in return.</param>
    public RecordDecision Receive(Envelope envelope, ContactRecord record, bool hello = false)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(record);
        var decision = Directory.Offer(envelope, record, _time.GetUtcNow());
        if (decision.Outcome != RecordOutcome.Refused)
        {
            Store(record);
        }

        if (decision.Outcome == RecordOutcome.Accepted && record.NodeId == _identity.NodeId)
        {
            OwnRecordAccepted?.Invoke(record);
        }

        if (decision.Outcome == RecordOutcome.Duplicate)
        {
            // Re-announcements of the current record, or replays of a held version: they change nothing.
            _metrics.RecordDuplicate();
        }

        if (decision.Outcome == RecordOutcome.Accepted)
        {
            _metrics.RecordAccepted();
            _logger.LogInformation("Accepted contact record version {Version} of {Node}, signed with key {KeyId}.", record.Version, record.NodeId, envelope.KeyId);
        }

        if (hello && record.NodeId != _identity.NodeId)
        {
            PeerHeard?.Invoke(record.NodeId);
        }

        return decision;
    }

    // Also on a duplicate: if the store failed after an earlier accept, the redelivery writes it. A failing disk
    // must not stall the inbox (it processes one message at a time): the record stays held in memory meanwhile.
    private void Store(ContactRecord record)
    {
        if (Directory.History(record.NodeId).FirstOrDefault(v => v.Record.Version == record.Version) is not { } held)
        {
            return;
        }

        try
        {
            _store.Save(held);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Could not store contact record version {Version} of {Node}; it is held in memory and stored when it comes again: {Reason}", record.Version, record.NodeId, ex.Message);
        }
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
            if (inspected is not InspectionResult.Accepted { Payload: ContactRecord record } accepted || record.NodeId != node)
            {
                refusedNodes.Add(node);
                var rejected = inspected as InspectionResult.Rejected;
                _logger.LogError("Stored contact record {Path} no longer verifies ({Reason}: {Detail}); it and later versions of that node are ignored.", path, rejected?.Reason, rejected?.Detail);
                continue;
            }

            var decision = Directory.Offer(accepted.Envelope, record, storedAt);
            if (decision.Outcome == RecordOutcome.Refused)
            {
                refusedNodes.Add(record.NodeId);
                _logger.LogError("Stored contact record {Path} is refused ({Reason}: {Detail}); later versions of that node are ignored.", path, decision.Reason, decision.Detail);
            }
        }
    }
}
