using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;
using NSec.Cryptography;

namespace IncidentExchange.Core.Contacts;

/// <summary>
/// The points-of-contact directory: for every node, the keys pinned for it in configuration and the
/// records it signed. Trust starts from the pinned keys (a node's first record must be signed by one)
/// and continues through records signed by a key that the current record holds valid. Once a node has
/// a record, its record alone says which keys are valid when; before that, its pinned keys do.
/// Reads are lock-free snapshots; changes are serialised.
/// </summary>
public sealed class ContactDirectory
{
    private readonly ConcurrentDictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _write = new();

    /// <summary>Trusts <paramref name="publicKey"/> as an out-of-band anchor for <paramref name="nodeId"/>.</summary>
    /// <returns>The key id of the pinned key.</returns>
    public string Pin(string nodeId, ReadOnlySpan<byte> publicKey)
    {
        NodeIds.Require(nodeId);
        var keyId = KeyIds.Derive(publicKey);
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        lock (_write)
        {
            var entry = Entry(nodeId);
            _nodes[nodeId] = entry with { Pinned = new Dictionary<string, PublicKey>(entry.Pinned, StringComparer.Ordinal) { [keyId] = key } };
        }

        return keyId;
    }

    /// <summary>Finds key <paramref name="keyId"/> of <paramref name="signer"/>: in its current record if it has one, else among its pinned keys.</summary>
    public KeyLookup Resolve(string signer, string keyId)
    {
        if (!_nodes.TryGetValue(signer, out var entry))
        {
            return KeyLookup.Missing(KeyLookupStatus.UnknownSigner);
        }

        if (entry.Versions.Length > 0)
        {
            return entry.RecordKeys.TryGetValue(keyId, out var held) ? KeyLookup.Found(held.Key, held.Window) : KeyLookup.Missing(KeyLookupStatus.UnknownKey);
        }

        return entry.Pinned.TryGetValue(keyId, out var pinned) ? KeyLookup.Found(pinned, null) : KeyLookup.Missing(KeyLookupStatus.UnknownKey);
    }

    /// <summary>
    /// Finds key <paramref name="keyId"/> of <paramref name="signer"/> as history needs it: in any version of its record
    /// held in memory (the newest that lists it gives the window, so a later revocation counts), else among its pins.
    /// A key rotated out of the current record still verifies what it signed inside its window.
    /// </summary>
    public KeyLookup ResolveHistorical(string signer, string keyId)
    {
        var current = Resolve(signer, keyId);
        if (current.Status != KeyLookupStatus.UnknownKey || !_nodes.TryGetValue(signer, out var entry))
        {
            return current;
        }

        for (var i = entry.Versions.Length - 1; i >= 0; i--)
        {
            if (entry.Versions[i].Record.Keys.FirstOrDefault(k => k.KeyId == keyId) is { } listed)
            {
                return KeyLookup.Found(PublicKey.Import(SignatureAlgorithm.Ed25519, listed.PublicKey.Span, KeyBlobFormat.RawPublicKey), listed);
            }
        }

        return entry.Pinned.TryGetValue(keyId, out var pinned) ? KeyLookup.Found(pinned, null) : current;
    }

    /// <summary>
    /// Offers a record whose envelope signature already verified (see <see cref="EnvelopeInspector"/>).
    /// The same bytes as a held version are a duplicate. Otherwise the signing key is checked against the
    /// state at this moment: listed, valid at the record's issue time, neither revoked nor retiring (a key
    /// with an end date signs notices until then, but no more records). Then a held version with other bytes
    /// is a conflict, and a version below the current one, or issued before the current record, a replay
    /// (stale). Refusals change nothing but a counter.
    /// </summary>
    public RecordDecision Offer(Envelope envelope, ContactRecord record, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(record);
        lock (_write)
        {
            var entry = Entry(record.NodeId);
            if (entry.ByVersion.TryGetValue(record.Version, out var held) && held.Envelope.Payload.Equals(envelope.Payload))
            {
                return RecordDecision.Duplicate;
            }

            // A record from the future would make every honest later one look stale.
            if (WireTimes.Compare(record.IssuedAt, Timestamp.FromDateTimeOffset(acceptedAt + ContactLimits.MaxClockSkew)) > 0)
            {
                return RecordDecision.Refuse(RejectionReason.InvalidRecord, $"Record version {record.Version} of '{record.NodeId}' is issued more than {ContactLimits.MaxClockSkew.TotalMinutes:0} minutes in the future.");
            }

            var current = entry.Versions.Length > 0 ? entry.Versions[^1] : null;
            // Keys first: only a key that could sign this record can make it count as a conflict or a replay.
            if (CheckSigningKey(envelope, record, current) is { } refused)
            {
                return refused;
            }

            if (held is not null)
            {
                _nodes[record.NodeId] = entry with { Conflicts = entry.Conflicts + 1 };
                return RecordDecision.Refuse(RejectionReason.RecordConflict, $"Node '{record.NodeId}' signed two different records with version {record.Version}; the one accepted first is kept.");
            }

            if (current is not null && (record.Version < current.Record.Version || WireTimes.Compare(record.IssuedAt, current.Record.IssuedAt) < 0))
            {
                _nodes[record.NodeId] = entry with { Stale = entry.Stale + 1 };
                return RecordDecision.Refuse(RejectionReason.StaleRecord, record.Version < current.Record.Version
                    ? $"Record version {record.Version} of '{record.NodeId}' is below the current version {current.Record.Version}; ignored."
                    : $"Record version {record.Version} of '{record.NodeId}' was issued before the current version {current.Record.Version}; ignored.");
            }

            var keys = new Dictionary<string, (PublicKey, NodeKey)>(StringComparer.Ordinal);
            foreach (var key in record.Keys)
            {
                keys[key.KeyId] = (PublicKey.Import(SignatureAlgorithm.Ed25519, key.PublicKey.Span, KeyBlobFormat.RawPublicKey), key);
            }

            // Only the most recent versions are kept: a node publishing versions in a loop cannot grow this one's memory.
            var accepted = new AcceptedRecord(record, envelope, acceptedAt);
            var versions = entry.Versions.Append(accepted).TakeLast(ContactLimits.MaxVersionsKept).ToArray();
            _nodes[record.NodeId] = entry with { Versions = versions, ByVersion = versions.ToDictionary(v => v.Record.Version), RecordKeys = keys };
            return RecordDecision.Accepted;
        }
    }

    /// <summary>Every node with a pinned key or a record, sorted by node id.</summary>
    public IReadOnlyList<DirectoryEntryState> List() =>
        _nodes.Values.OrderBy(e => e.NodeId, StringComparer.Ordinal).Select(Snapshot).ToArray();

    /// <summary>One node's entry, or null if nothing is known about it.</summary>
    public DirectoryEntryState? Get(string nodeId) => _nodes.TryGetValue(nodeId, out var entry) ? Snapshot(entry) : null;

    /// <summary>Every accepted version of <paramref name="nodeId"/>'s record, oldest first.</summary>
    public IReadOnlyList<AcceptedRecord> History(string nodeId) => _nodes.TryGetValue(nodeId, out var entry) ? entry.Versions : [];

    // Checked again here, against the state at this moment: an earlier record may have changed the key.
    private RecordDecision? CheckSigningKey(Envelope envelope, ContactRecord record, AcceptedRecord? current)
    {
        var lookup = Resolve(record.NodeId, envelope.KeyId);
        if (lookup.Status != KeyLookupStatus.Found)
        {
            return RecordDecision.Refuse(RejectionReason.UnknownKey, current is null
                ? $"The first record of '{record.NodeId}' must be signed by a key pinned for it; key '{envelope.KeyId}' is not."
                : $"Key '{envelope.KeyId}' is not in the current record (version {current.Record.Version}) of '{record.NodeId}'.");
        }

        if (SigningKeyRules.CheckAt(lookup, record.IssuedAt, record.NodeId, envelope.KeyId) is { } invalid)
        {
            return RecordDecision.Refuse(invalid.Reason, invalid.Detail);
        }

        // A retiring or revoked key could otherwise sign a record dated inside its window that un-revokes it.
        return lookup.Window is { } window && (window.RevokedAt is not null || window.NotAfter is not null)
            ? RecordDecision.Refuse(RejectionReason.KeyRetired, $"Key '{envelope.KeyId}' of '{record.NodeId}' has an end date or is revoked in the current record (version {current!.Record.Version}); it may still sign notices inside its window, but no more records.")
            : null;
    }

    private NodeEntry Entry(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var entry)
            ? entry
            : new NodeEntry(nodeId, new Dictionary<string, PublicKey>(StringComparer.Ordinal), [], [], new Dictionary<string, (PublicKey, NodeKey)>(StringComparer.Ordinal), 0, 0);

    private static DirectoryEntryState Snapshot(NodeEntry entry) =>
        new(entry.NodeId, entry.Pinned.Keys.Order(StringComparer.Ordinal).ToArray(), entry.Versions.Length > 0 ? entry.Versions[^1] : null, entry.Conflicts, entry.Stale);

    // Immutable: readers take the reference and never see a half-applied change.
    private sealed record NodeEntry(
        string NodeId,
        Dictionary<string, PublicKey> Pinned,
        AcceptedRecord[] Versions,
        Dictionary<ulong, AcceptedRecord> ByVersion,
        Dictionary<string, (PublicKey Key, NodeKey Window)> RecordKeys,
        int Conflicts,
        int Stale);
}
