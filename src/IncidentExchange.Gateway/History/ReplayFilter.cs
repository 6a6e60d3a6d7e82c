using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Wire;
using IncidentExchange.Gateway.Inbound;

namespace IncidentExchange.Gateway.History;

/// <summary>Which stored envelopes a replay returns: time window, origin, sequence range, kinds and notice filters.</summary>
public sealed class ReplayFilter
{
    // The protocol's payload types by the kind name replay selects them with (history.proto), in the table's order.
    private static readonly IGrouping<string, PayloadBinding>[] ByKind =
        [.. StandardPayloads.All.Where(binding => binding.Replay is not null).GroupBy(binding => binding.Replay!.Kind, StringComparer.Ordinal)];

    /// <summary>
    /// Kind names accepted in <see cref="ReplayRequest.Kinds"/>, with their payload types: those the protocol's payload
    /// table names (a payload type without a kind is replayed only when no kinds are asked for).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> Kinds =
        ByKind.ToDictionary(kind => kind.Key, kind => kind.Select(binding => binding.PayloadType).ToArray(), StringComparer.Ordinal);

    // "notice, record, receipt, check or resend".
    private static readonly string KindList = string.Join(", ", ByKind[..^1].Select(kind => kind.Key)) + " or " + ByKind[^1].Key;

    /// <summary>How far before <c>since</c> the broker is asked to start: its clock and the gateway's may differ.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);
    private readonly ReplayRequest _request;
    private readonly HashSet<string> _payloadTypes;
    private readonly bool _noticesOnly;

    private ReplayFilter(ReplayRequest request)
    {
        _request = request;
        _payloadTypes = request.Kinds.SelectMany(k => Kinds[k]).ToHashSet(StringComparer.Ordinal);
        _noticesOnly = request.MinSeverity != Severity.Unspecified || request.Categories.Count > 0 || request.Tlp.Count > 0 || request.FromSequence > 0 || request.ToSequence > 0;
    }

    /// <summary>Checks <paramref name="request"/>; throws <see cref="ReplayRejectedException"/> naming the field if it cannot be served.</summary>
    public static ReplayFilter From(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var i = 0; i < request.Kinds.Count; i++)
        {
            if (!Kinds.ContainsKey(request.Kinds[i]))
            {
                throw Rejected($"kinds[{i}]", $"'{Core.Inbound.PeerValues.Printable(request.Kinds[i])}' is not a kind; use {KindList}.");
            }
        }

        if ((request.FromSequence > 0 || request.ToSequence > 0) && request.Origin.Length == 0)
        {
            throw Rejected("origin", "A sequence range needs an origin: sequence numbers are per origin.");
        }

        if (request.ToSequence > 0 && request.FromSequence > request.ToSequence)
        {
            throw Rejected("from_sequence", $"from_sequence {request.FromSequence} is after to_sequence {request.ToSequence}.");
        }

        if (request.HasFromOffset && (request.FromOffset < 0 || request.Since is not null))
        {
            throw Rejected("from_offset", "from_offset must be 0 or more, and cannot be combined with since.");
        }

        if (request.Since is not null && request.Until is not null && request.Since.ToDateTimeOffset() >= request.Until.ToDateTimeOffset())
        {
            throw Rejected("since", "since must be before until.");
        }

        if (request.Since is not null && request.Since.ToDateTimeOffset() > DateTimeOffset.UtcNow + ClockSlack)
        {
            throw Rejected("since", "since lies in the future: nothing is stored there yet.");
        }

        return new ReplayFilter(request);
    }

    private static ReplayRejectedException Rejected(string field, string sentence) => new(new FieldViolation(field, sentence));

    /// <summary>True if an entry with these headers may match (checked before verifying it; the signer header is a hint, checked again after).</summary>
    public bool MayMatch(DateTimeOffset storedAt, string payloadType, string? signer) =>
        (_request.Origin.Length == 0 || signer is null || signer == _request.Origin)
        && (_request.Since is null || storedAt >= _request.Since.ToDateTimeOffset())
        && (_request.Until is null || storedAt < _request.Until.ToDateTimeOffset())
        && (_payloadTypes.Count == 0 || _payloadTypes.Contains(payloadType))
        && (!_noticesOnly || payloadType == PayloadTypes.IncidentNotice);

    /// <summary>True if the item passes the origin, sequence and notice filters.</summary>
    public bool Matches(ReplayItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_request.Origin.Length > 0 && item.Signer != _request.Origin)
        {
            return false;
        }

        if (!_noticesOnly)
        {
            return true;
        }

        var notice = item.Notice;
        return notice is not null
            && notice.Sequence >= _request.FromSequence && (_request.ToSequence == 0 || notice.Sequence <= _request.ToSequence)
            && notice.Severity >= _request.MinSeverity
            && (_request.Categories.Count == 0 || _request.Categories.Contains(notice.Category))
            && (_request.Tlp.Count == 0 || _request.Tlp.Contains(notice.Tlp));
    }
}
