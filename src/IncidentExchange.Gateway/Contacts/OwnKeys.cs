using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// This node's private keys: the configured one plus every key created by a rotation (kept under
/// <c>&lt;DataDirectory&gt;/keys/&lt;key id&gt;/</c>, mode 0600), and which of them signs now. At start the
/// signing key is the newest key that the node's own current record holds valid.
/// </summary>
public sealed class OwnKeys : IDisposable
{
    private readonly NodeIdentity _identity;
    private readonly string _folder;
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile EnvelopeSealer _current;

    /// <summary>Loads the rotated keys and picks the signing key.</summary>
    public OwnKeys(NodeIdentity identity, ContactBook book, IOptions<NodeOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(time);
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _folder = Path.Combine(options?.Value.DataDirectory ?? throw new ArgumentNullException(nameof(options)), "keys");
        _keys[identity.ConfiguredKey.KeyId] = identity.ConfiguredKey;
        LoadRotatedKeys();
        _current = new EnvelopeSealer(identity.NodeId, PickSigningKey(book.Directory.Get(identity.NodeId)?.Current?.Record, Timestamp.FromDateTimeOffset(time.GetUtcNow())));
        // However the own record changes (published here, or taken from the inbox after a crash), the key follows.
        book.OwnRecordAccepted += record => Refresh(record, Timestamp.FromDateTimeOffset(time.GetUtcNow()));
    }

    /// <summary>Signs everything new: the newest key this node's own record holds valid (re-picked when the record changes).</summary>
    public EnvelopeSealer Current => _current;

    /// <summary>
    /// The sealer for something issued at <paramref name="issuedAt"/>: the current key if it was valid then,
    /// else a key of this node that was (a notice reserved before a rotation and re-sent after it keeps its
    /// issue time, so it must be signed with a key valid at that time).
    /// </summary>
    public EnvelopeSealer SealerFor(Timestamp issuedAt, ContactRecord? ownRecord)
    {
        var current = _current;
        if (ownRecord is null || ValidAt(ownRecord, current.KeyId, issuedAt))
        {
            return current;
        }

        lock (_lock)
        {
            var other = _keys.Values.FirstOrDefault(k => ValidAt(ownRecord, k.KeyId, issuedAt));
            return other is null ? current : new EnvelopeSealer(_identity.NodeId, other);
        }
    }

    /// <summary>Stores a new key (mode 0600) and keeps it, before anything is published that names it.</summary>
    public void Keep(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        KeyFiles.Write(Path.Combine(_folder, key.KeyId), _identity.NodeId, key);
        lock (_lock)
        {
            _keys[key.KeyId] = key;
        }
    }

    /// <summary>Re-picks the signing key after this node's own record changed: the newest key it holds valid.</summary>
    public void Refresh(ContactRecord ownRecord, Timestamp now)
    {
        lock (_lock)
        {
            _current = new EnvelopeSealer(_identity.NodeId, PickSigningKey(ownRecord, now));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            // The configured key belongs to NodeIdentity.
            foreach (var key in _keys.Values.Where(k => k != _identity.ConfiguredKey))
            {
                key.Dispose();
            }
        }
    }

    private void LoadRotatedKeys()
    {
        if (!Directory.Exists(_folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(_folder, KeyFiles.PrivateFileName(_identity.NodeId), SearchOption.AllDirectories))
        {
            var (node, key) = KeyFiles.ReadPrivate(path);
            if (node != _identity.NodeId)
            {
                key.Dispose();
                throw new KeyFileException($"Key file {path} belongs to node '{node}', not to '{_identity.NodeId}'.");
            }

            if (!_keys.TryAdd(key.KeyId, key))
            {
                key.Dispose();
            }
        }
    }

    private SigningKey PickSigningKey(ContactRecord? ownRecord, Timestamp now)
    {
        if (ownRecord is null)
        {
            return _identity.ConfiguredKey;
        }

        // A key valid now, preferring one without an end date (only those sign records), then the newest
        // by not_before (unset = oldest); the configured key wins a tie.
        var usable = ownRecord.Keys
            .Where(k => _keys.ContainsKey(k.KeyId) && KeyWindows.At(k, now) == KeyValidity.Valid)
            .OrderBy(k => k.NotAfter is not null || k.RevokedAt is not null)
            .ThenByDescending(k => k.NotBefore?.Seconds ?? long.MinValue)
            .ThenByDescending(k => k.KeyId == _identity.ConfiguredKey.KeyId)
            .FirstOrDefault();
        return usable is not null
            ? _keys[usable.KeyId]
            : throw new KeyFileException(
                $"None of this node's private keys ({string.Join(", ", _keys.Keys)}) is valid now in its contact record version {ownRecord.Version}; " +
                $"restore the key files under {_folder}, or the key file of a key the record holds valid. Change keys with 'incx keys rotate', not by replacing Incx:KeyFile.");
    }

    private static bool ValidAt(ContactRecord record, string keyId, Timestamp at) =>
        record.Keys.FirstOrDefault(k => k.KeyId == keyId) is { } key && KeyWindows.At(key, at) == KeyValidity.Valid;
}
