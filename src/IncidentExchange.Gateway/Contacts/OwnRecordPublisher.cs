using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// Publishes this node's own record: the first one (its configured key, nothing else), contact changes,
/// key rotations and revocations, and re-announcements of the current one. Every new version is the
/// current one plus a change, validated by the same rules receivers apply, signed, confirmed by the
/// broker, and only then taken into this node's own directory. One change at a time.
/// </summary>
public sealed class OwnRecordPublisher(
    NodeIdentity identity,
    OwnKeys keys,
    ContactBook book,
    ConfirmingPublisher publisher,
    IOptions<NodeOptions> options,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This node's current record, or null before the first one was published.</summary>
    public AcceptedRecord? Current => book.Directory.Get(identity.NodeId)?.Current;

    /// <summary>Publishes version 1 (the configured key, no contacts yet) if the node has no record.</summary>
    public Task EnsureRecordAsync(CancellationToken cancellationToken) =>
        Exclusively(async () => Current ?? await PublishNextAsync(Latest(), _ => { }, cancellationToken), cancellationToken);

    /// <summary>Sends the current record again, byte for byte; receivers that hold it drop the copy.</summary>
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        if (Current is { } current)
        {
            await publisher.PublishAsync([Message(current.Envelope, current.Record)], cancellationToken);
        }
    }

    /// <summary>Publishes a version with these contact details; the same details as now publish nothing (Unchanged).</summary>
    public Task<(AcceptedRecord Record, bool Unchanged)> PublishContactsAsync(PublishContactsRequest details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        return Exclusively(async () =>
        {
            if (string.IsNullOrWhiteSpace(details.Organisation) || details.Contacts.Count == 0)
            {
                throw new ContactUpdateRejectedException("A contact update names the organisation and at least one contact.");
            }

            if (Current is { } current && current.Record.Organisation == details.Organisation && current.Record.Country == details.Country && current.Record.Contacts.SequenceEqual(details.Contacts))
            {
                return (current, true);
            }

            var accepted = await PublishNextAsync(Latest(), record =>
            {
                record.Organisation = details.Organisation;
                record.Country = details.Country;
                record.Contacts.Clear();
                record.Contacts.Add(details.Contacts);
            }, cancellationToken);
            return (accepted, false);
        }, cancellationToken);
    }

    /// <summary>
    /// Creates a key, publishes a version that adds it (valid from now) and ends the signing key's validity
    /// after <paramref name="overlap"/>, signed with the old key; then signs everything new with the new key.
    /// </summary>
    public Task<(string OldKeyId, string NewKeyId, DateTimeOffset OldValidUntil, AcceptedRecord Record)> RotateAsync(TimeSpan? overlap, CancellationToken cancellationToken)
    {
        var window = overlap ?? options.Value.Directory.RotationOverlap;
        if (window <= TimeSpan.Zero)
        {
            throw new ContactUpdateRejectedException("The overlap of a key rotation must be positive.");
        }

        return Exclusively(async () =>
        {
            var oldKeyId = keys.Current.KeyId;
            var now = time.GetUtcNow();
            var until = now + window;
            // The private key is on disk before any record names it: a crash cannot leave a published key without its secret.
            var fresh = keys.Create();
            var accepted = await PublishNextAsync(Latest(), record =>
            {
                var old = record.Keys.First(k => k.KeyId == oldKeyId);
                if (old.NotAfter is null || WireTimes.Compare(old.NotAfter, Timestamp.FromDateTimeOffset(until)) > 0)
                {
                    old.NotAfter = Timestamp.FromDateTimeOffset(until);
                }

                record.Keys.Add(new NodeKey { KeyId = fresh.KeyId, PublicKey = ByteString.CopyFrom(fresh.PublicKey), NotBefore = record.IssuedAt });
            }, cancellationToken);
            keys.Use(fresh.KeyId);
            var validUntil = WireTimes.ToDateTimeOffset(accepted.Record.Keys.First(k => k.KeyId == oldKeyId).NotAfter);
            return (oldKeyId, fresh.KeyId, validUntil, accepted);
        }, cancellationToken);
    }

    /// <summary>Publishes a version that marks <paramref name="keyId"/> revoked from <paramref name="revokedAt"/> (default now).</summary>
    public Task<AcceptedRecord> RevokeAsync(string keyId, string reason, DateTimeOffset? revokedAt, CancellationToken cancellationToken) =>
        Exclusively(async () =>
        {
            var latest = Latest();
            var key = latest.Keys.FirstOrDefault(k => k.KeyId == keyId)
                ?? throw new KeyNotFoundException($"Key '{keyId}' is not a key of node '{identity.NodeId}' (its keys: {string.Join(", ", latest.Keys.Select(k => k.KeyId))}).");
            if (key.RevokedAt is not null)
            {
                throw new KeyOperationRefusedException($"Key '{keyId}' is already revoked since {WireTimes.ToDateTimeOffset(key.RevokedAt):u}.");
            }

            if (keyId == keys.Current.KeyId)
            {
                throw new KeyOperationRefusedException($"Key '{keyId}' is the key this node signs with; rotate first ('incx keys rotate'), then revoke it.");
            }

            return await PublishNextAsync(latest, record =>
            {
                var revoked = record.Keys.First(k => k.KeyId == keyId);
                revoked.RevokedAt = revokedAt is { } at ? Timestamp.FromDateTimeOffset(at) : record.IssuedAt;
                revoked.RevocationReason = reason;
            }, cancellationToken);
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    // The current record, or before the first one a version 0 that lists only the configured key (the one peers pinned).
    private ContactRecord Latest() =>
        Current?.Record ?? new ContactRecord
        {
            NodeId = identity.NodeId,
            Keys = { new NodeKey { KeyId = identity.ConfiguredKey.KeyId, PublicKey = ByteString.CopyFrom(identity.ConfiguredKey.PublicKey) } },
        };

    private async Task<AcceptedRecord> PublishNextAsync(ContactRecord latest, Action<ContactRecord> change, CancellationToken cancellationToken)
    {
        var record = latest.Clone();
        record.Version = latest.Version + 1;
        record.IssuedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        change(record);
        var errors = ContactRecordValidator.Validate(record);
        if (errors.Count > 0)
        {
            throw new ContactUpdateRejectedException("The contact record would be invalid: " + string.Join(" ", errors));
        }

        var envelope = keys.Current.Seal(record);
        await publisher.PublishAsync([Message(envelope, record)], cancellationToken);
        // Through the same checks as a peer's record: what this node keeps is exactly what its peers will accept.
        // The inbox may have taken it already (it is bound to contact.all too): a duplicate is as good.
        var inspected = identity.Inspector.Inspect(envelope.ToByteArray());
        var decision = inspected.Record is null ? null : book.Receive(inspected);
        return decision is { Outcome: RecordOutcome.Accepted or RecordOutcome.Duplicate } && Current is { } now && now.Record.Version == record.Version
            ? now
            : throw new InvalidOperationException($"This node's own record version {record.Version} was refused by its own checks: {inspected.Detail ?? decision?.Detail}");
    }

    private static OutgoingMessage Message(Envelope envelope, ContactRecord record) =>
        new(WireProtocol.ExchangeName, RoutingKeys.ContactBroadcast, envelope.ToByteArray(), MessageIds.For(record), PayloadHeaders.ContactRecord);

    private async Task<T> Exclusively<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }
}
