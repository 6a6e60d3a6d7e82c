using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Inbound;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;
using IncidentExchange.Gateway.History;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.Messaging.Publishing;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>
/// Publishes this node's own record: the first one (its configured key, nothing else), contact changes,
/// key rotations and revocations, and re-announcements of the current one. Every new version is the
/// current one plus a change, checked by the same inspector receivers use, kept on disk as pending,
/// published, confirmed by the broker, and only then taken into this node's own directory. A pending
/// version that may or may not have reached the broker is sent again byte for byte before anything
/// else, so one version never carries two different records. One change at a time.
/// </summary>
public sealed class OwnRecordPublisher(
    NodeIdentity identity,
    OwnKeys keys,
    ContactBook book,
    DirectoryStore store,
    HistoryRecorder history,
    ConfirmingPublisher publisher,
    IOptions<NodeOptions> options,
    TimeProvider time) : IDisposable
{
    // Keys whose end lies this far back are dropped from the next version: nothing signed with them can
    // still be waiting in a link queue (7 days), and the list stays under its limit after many rotations.
    private static readonly TimeSpan KeepRetiredKeys = TimeSpan.FromDays(30);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This node's current record, or null before the first one was published.</summary>
    public AcceptedRecord? Current => book.Directory.Get(identity.NodeId)?.Current;

    /// <summary>Sends a pending version first; then publishes version 1 (the configured key only) if the node has no record.</summary>
    public Task EnsureRecordAsync(CancellationToken cancellationToken) =>
        Exclusively(async () =>
        {
            await SendPendingAsync(cancellationToken);
            return Current ?? await PublishNextAsync(_ => { }, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Sends the current record again, the same payload bytes, signed with the key this node signs with now:
    /// holders drop it as a duplicate, and a peer that pinned the current key (a late joiner) can accept it.
    /// </summary>
    /// <param name="kind"><see cref="WireProtocol.AnnouncementHello"/> to ask peers for theirs, or <see cref="WireProtocol.AnnouncementReply"/>.</param>
    /// <param name="cancellationToken">Cancels the announcement.</param>
    public Task AnnounceAsync(string kind, CancellationToken cancellationToken) =>
        Exclusively(async () =>
        {
            await SendPendingAsync(cancellationToken);
            if (Current is { } current)
            {
                var headers = new Dictionary<string, string>(PayloadHeaders.ContactRecord) { [WireProtocol.AnnouncementHeader] = kind };
                // The original, for peers that still hold the version before it (it is signed by a key they know),
                // and after a rotation the same payload signed with the current key, for a peer that pinned that key.
                var messages = new List<OutgoingMessage> { Message(current.Envelope, current.Record, headers) };
                if (current.Envelope.KeyId != keys.Current.KeyId)
                {
                    messages.Add(Message(keys.Current.Seal(PayloadTypes.ContactRecord, current.Envelope.Payload.Span), current.Record, headers));
                }

                await publisher.PublishAsync(messages, cancellationToken);
            }

            return 0;
        }, cancellationToken);

    /// <summary>Publishes a version with these contact details; the same details as now publish nothing (Unchanged).</summary>
    public Task<(AcceptedRecord Record, bool Unchanged)> PublishContactsAsync(PublishContactsRequest details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.Organisation) || details.Contacts.Count == 0)
        {
            throw new ContactUpdateRejectedException(new FieldViolation(string.IsNullOrWhiteSpace(details.Organisation) ? "organisation" : "contacts", "A contact update names the organisation and at least one contact."));
        }

        return Exclusively(async () =>
        {
            await SendPendingAsync(cancellationToken);
            if (Current is { } current && current.Record.Organisation == details.Organisation && current.Record.Country == details.Country && current.Record.Contacts.SequenceEqual(details.Contacts))
            {
                return (current, true);
            }

            var accepted = await PublishNextAsync(record =>
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
    /// after <paramref name="overlap"/>, signed with the old key; the new key signs from then on.
    /// </summary>
    public Task<(string OldKeyId, string NewKeyId, DateTimeOffset OldValidUntil, AcceptedRecord Record)> RotateAsync(TimeSpan? overlap, CancellationToken cancellationToken)
    {
        var window = overlap ?? options.Value.Directory.RotationOverlap;
        if (window <= TimeSpan.Zero || window > DirectoryOptions.MaxRotationOverlap)
        {
            throw new ContactUpdateRejectedException(new FieldViolation("overlap", $"The overlap of a key rotation must be positive and at most {DirectoryOptions.MaxRotationOverlap.TotalDays:0} days."));
        }

        return Exclusively(async () =>
        {
            await SendPendingAsync(cancellationToken);
            var oldKeyId = keys.Current.KeyId;
            var fresh = SigningKey.Generate();
            var kept = false;
            AcceptedRecord accepted;
            try
            {
                accepted = await PublishNextAsync(record => Rotate(record, oldKeyId, fresh, window), cancellationToken, beforePublish: () =>
                {
                    keys.Keep(fresh);
                    kept = true;
                });
            }
            catch when (!kept)
            {
                // Refused before anything named the key: it was never stored, nobody will need it.
                fresh.Dispose();
                throw;
            }

            var validUntil = WireTimes.ToDateTimeOffset(accepted.Record.Keys.First(k => k.KeyId == oldKeyId).NotAfter);
            return (oldKeyId, fresh.KeyId, validUntil, accepted);
        }, cancellationToken);
    }

    /// <summary>Publishes a version that marks <paramref name="keyId"/> revoked from <paramref name="revokedAt"/> (default now).</summary>
    public Task<AcceptedRecord> RevokeAsync(string keyId, string reason, DateTimeOffset? revokedAt, CancellationToken cancellationToken) =>
        Exclusively(async () =>
        {
            await SendPendingAsync(cancellationToken);
            var latest = Latest();
            var key = latest.Keys.FirstOrDefault(k => k.KeyId == keyId)
                ?? throw new UnknownKeyException($"Key '{keyId}' is not a key of node '{identity.NodeId}' (its keys: {string.Join(", ", latest.Keys.Select(k => k.KeyId))}).");
            if (key.RevokedAt is not null)
            {
                throw new KeyOperationRefusedException($"Key '{keyId}' is already revoked since {WireTimes.ToDateTimeOffset(key.RevokedAt):u}.");
            }

            if (keyId == keys.Current.KeyId)
            {
                throw new KeyOperationRefusedException($"Key '{keyId}' is the key this node signs with; rotate first ('incx keys rotate'), then revoke it.");
            }

            return await PublishNextAsync(record =>
            {
                // Gone already if it ended more than 30 days ago (pruned): then nothing can be signed with it anyway.
                if (record.Keys.FirstOrDefault(k => k.KeyId == keyId) is { } revoked)
                {
                    revoked.RevokedAt = revokedAt is { } at ? Timestamp.FromDateTimeOffset(at) : record.IssuedAt;
                    revoked.RevocationReason = reason;
                }
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

    private async Task<AcceptedRecord> PublishNextAsync(Action<ContactRecord> change, CancellationToken cancellationToken, Action? beforePublish = null)
    {
        var latest = Latest();
        var record = latest.Clone();
        record.Version = latest.Version + 1;
        // Never before the current record (a clock stepped back would make it stale everywhere).
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        record.IssuedAt = latest.IssuedAt is { } previous && WireTimes.Compare(previous, now) > 0 ? previous : now;
        DropLongRetiredKeys(record);
        change(record);
        var violations = ContactRecordValidator.Violations(record);
        if (violations.Count > 0)
        {
            throw new ContactUpdateRejectedException("The contact record would be invalid: " + string.Join(" ", FieldViolation.Sentences(violations)), violations);
        }

        // Checked before it leaves: what this node sends is exactly what its peers will accept.
        var envelope = keys.Current.Seal(record);
        _ = Checked(envelope, record.Version);
        beforePublish?.Invoke();
        store.SavePending(envelope);
        return await SendAndHoldAsync(envelope, record, cancellationToken);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (store.LoadPending() is not { } pending)
        {
            return;
        }

        var record = ContactRecord.Parser.ParseFrom(pending.Payload);
        if (Current is { } current && current.Record.Version >= record.Version)
        {
            // Held already (the broker confirmed it before a crash, and it came back through the inbox).
            store.ClearPending();
            return;
        }

        await SendAndHoldAsync(pending, record, cancellationToken);
    }

    private async Task<AcceptedRecord> SendAndHoldAsync(Envelope envelope, ContactRecord record, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync([Message(envelope, record), history.SentEntry(envelope.ToByteArray(), PayloadTypes.ContactRecord, MessageIds.For(record))], cancellationToken);
        // The inbox may have taken it already (it is bound to contact.all too): a duplicate is as good.
        var decision = book.Receive(envelope, Checked(envelope, record.Version));
        if (decision.Outcome == RecordOutcome.Refused || Current is not { } now || now.Record.Version != record.Version)
        {
            // Refused by this node's own rules, it would be refused everywhere: drop it rather than retry it forever.
            store.ClearPending();
            throw new InvalidOperationException($"This node's own record version {record.Version} was refused by its own directory and dropped: {decision.Detail}");
        }

        // On disk before the pending copy goes: after a crash, this version must come back with these bytes.
        store.Save(now);
        store.ClearPending();
        return now;
    }

    // This node's own record as its peers will check it: the record if it passes, else it is not sent (or held).
    private ContactRecord Checked(Envelope envelope, ulong version) => identity.Inspector.Inspect(envelope.ToByteArray()) switch
    {
        InspectionResult.Accepted { Payload: ContactRecord record } => record,
        var failed => throw new InvalidOperationException($"This node's own record version {version} fails its own checks: {(failed as InspectionResult.Rejected)?.Detail}"),
    };

    // The old key's validity ends after the overlap (unless it ended sooner); the new one starts now.
    private static void Rotate(ContactRecord record, string oldKeyId, SigningKey fresh, TimeSpan overlap)
    {
        var until = Timestamp.FromDateTimeOffset(WireTimes.ToDateTimeOffset(record.IssuedAt) + overlap);
        var old = record.Keys.First(k => k.KeyId == oldKeyId);
        if (old.NotAfter is null || WireTimes.Compare(old.NotAfter, until) > 0)
        {
            old.NotAfter = until;
        }

        record.Keys.Add(new NodeKey { KeyId = fresh.KeyId, PublicKey = ByteString.CopyFrom(fresh.PublicKey), NotBefore = record.IssuedAt });
    }

    private static void DropLongRetiredKeys(ContactRecord record)
    {
        var horizon = Timestamp.FromDateTimeOffset(WireTimes.ToDateTimeOffset(record.IssuedAt) - KeepRetiredKeys);
        var gone = record.Keys.Where(k => (k.RevokedAt ?? k.NotAfter) is { } end && WireTimes.Compare(end, horizon) < 0).ToArray();
        foreach (var key in gone)
        {
            record.Keys.Remove(key);
        }
    }

    private static OutgoingMessage Message(Envelope envelope, ContactRecord record, IReadOnlyDictionary<string, string>? headers = null) =>
        new(WireProtocol.ExchangeName, RoutingKeys.ContactBroadcast, envelope.ToByteArray(), MessageIds.For(record), headers ?? PayloadHeaders.ContactRecord);

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
