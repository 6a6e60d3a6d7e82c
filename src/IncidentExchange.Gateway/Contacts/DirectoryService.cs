using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Configuration;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>The directory API: read every node's points-of-contact record, publish this node's own.</summary>
public sealed class DirectoryService(NodeIdentity identity, ContactBook book, OwnRecordPublisher own)
    : PointsOfContact.PointsOfContactBase
{
    /// <inheritdoc />
    public override Task<ListContactsReply> ListContacts(ListContactsRequest request, ServerCallContext context)
    {
        var reply = new ListContactsReply();
        reply.Entries.Add(book.Directory.List().Select(Entry));
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override Task<DirectoryEntry> GetContact(GetContactRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Entry(Known(request.NodeId)));
    }

    /// <inheritdoc />
    public override Task<ContactHistoryReply> GetContactHistory(GetContactRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var node = Known(request.NodeId).NodeId;
        var reply = new ContactHistoryReply { NodeId = node };
        reply.Versions.Add(book.Directory.History(node).Select(v => v.Record));
        return Task.FromResult(reply);
    }

    /// <inheritdoc />
    public override async Task<PublishContactsReply> PublishContacts(PublishContactsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var (_, unchanged) = await own.PublishContactsAsync(request, context.CancellationToken);
        return new PublishContactsReply { Entry = Entry(Known(identity.NodeId)), Unchanged = unchanged };
    }

    /// <inheritdoc />
    public override async Task<RotateKeyReply> RotateKey(RotateKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan? overlap = request.Overlap is { } given && (given.Seconds != 0 || given.Nanos != 0) ? given.ToTimeSpan() : null;
        var (oldKeyId, newKeyId, until, _) = await own.RotateAsync(overlap, context.CancellationToken);
        return new RotateKeyReply
        {
            OldKeyId = oldKeyId,
            NewKeyId = newKeyId,
            OldKeyValidUntil = Timestamp.FromDateTimeOffset(until),
            Entry = Entry(Known(identity.NodeId)),
        };
    }

    /// <inheritdoc />
    public override async Task<DirectoryEntry> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new ContactUpdateRejectedException(new FieldViolation("reason", "A revocation needs a reason, e.g. 'compromised' or 'superseded'."));
        }

        if (request.RevokedAt is { } at && !WireTimes.IsSet(at))
        {
            throw new ContactUpdateRejectedException(new FieldViolation("revoked_at", "revoked_at is not a valid time."));
        }

        DateTimeOffset? revokedAt = request.RevokedAt is null ? null : WireTimes.ToDateTimeOffset(request.RevokedAt);
        await own.RevokeAsync(request.KeyId, request.Reason, revokedAt, context.CancellationToken);
        return Entry(Known(identity.NodeId));
    }

    private DirectoryEntryState Known(string nodeId)
    {
        if (!NodeIds.IsValid(nodeId))
        {
            throw new DirectoryQueryRejectedException(new FieldViolation("node_id", $"'{nodeId}' is not a valid node id ({NodeIds.Rule})."));
        }

        return book.Directory.Get(nodeId) ?? throw new UnknownNodeException(nodeId);
    }

    private DirectoryEntry Entry(DirectoryEntryState state)
    {
        var entry = new DirectoryEntry
        {
            NodeId = state.NodeId,
            Self = state.NodeId == identity.NodeId,
            Conflicts = (uint)state.Conflicts,
            Stale = (uint)state.Stale,
        };
        entry.PinnedKeyIds.Add(state.PinnedKeyIds);
        if (state.Current is { } current)
        {
            entry.Record = current.Record;
            entry.SignedByKeyId = current.Envelope.KeyId;
            entry.AcceptedAt = Timestamp.FromDateTimeOffset(current.AcceptedAt);
        }

        return entry;
    }
}
