using System.Security.Cryptography;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Gateway.Routing;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>
/// Turns what a client submitted into the notice this node will sign: fills the fields the
/// gateway owns (origin, id, revision, status defaults) and refuses the ones a client may not set.
/// </summary>
internal static class DraftPreparer
{
    /// <summary>Returns a normalised copy of <paramref name="draft"/>, without sequence and issue time.</summary>
    public static IncidentNotice Prepare(IncidentNotice? draft, KnownNodes nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var nodeId = nodes.Self;
        if (draft is null)
        {
            throw new NoticeRejectedException(new FieldViolation("notice", "The request carries no notice."));
        }

        if (draft.Origin.Length > 0 && draft.Origin != nodeId)
        {
            throw new NoticeRejectedException(new FieldViolation("notice.origin", $"origin '{draft.Origin}' is not this node ('{nodeId}'); a node publishes only its own notices."));
        }

        if (draft.Sequence != 0 || draft.IssuedAt is not null)
        {
            throw new NoticeRejectedException(new FieldViolation(draft.Sequence != 0 ? "notice.sequence" : "notice.issued_at", "sequence and issued_at are set by the gateway; leave them empty."));
        }

        var notice = draft.Clone();
        notice.Origin = nodeId;
        if (notice.NoticeId.Length == 0)
        {
            notice.NoticeId = Guid.CreateVersion7().ToString("D");
        }

        if (notice.Revision == 0)
        {
            notice.Revision = 1;
        }

        if (notice.Status == NoticeStatus.Unspecified)
        {
            notice.Status = notice.Revision == 1 ? NoticeStatus.Open : NoticeStatus.Update;
        }

        if (notice.Audience is { } audience)
        {
            AudienceRules.Resolve(audience, nodes);
        }

        return notice;
    }

    /// <summary>SHA-256 (hex) of the prepared notice; equal for equal submissions.</summary>
    public static string ContentHash(IncidentNotice prepared) => Convert.ToHexStringLower(SHA256.HashData(prepared.ToByteArray()));
}
