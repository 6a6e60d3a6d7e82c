using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Failures;
using IncidentExchange.Core.Validation;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Resends;

/// <summary>The rules of ResendRequest and ResendReply (protos/README.md §13.3), the same on send and on receive.</summary>
public static class ResendRules
{
    /// <summary>Most sequence numbers one request may cover.</summary>
    public const ulong MaxRange = 10_000;

    /// <summary>Returns every rule <paramref name="request"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(ResendRequest request) => FieldViolation.Sentences(Violations(request));

    /// <summary>Every rule <paramref name="request"/> breaks, each with the field it concerns; empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(ResendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldViolation>();
        Common(request.RequestId, request.Requester, request.Origin, request.FromSequence, request.ToSequence, request.IssuedAt, errors);
        return errors;
    }

    /// <summary>Returns every rule <paramref name="reply"/> breaks, each as one sentence; empty if valid.</summary>
    public static IReadOnlyList<string> Validate(ResendReply reply) => FieldViolation.Sentences(Violations(reply));

    /// <summary>Every rule <paramref name="reply"/> breaks, each with the field it concerns; empty if valid.</summary>
    public static IReadOnlyList<FieldViolation> Violations(ResendReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var errors = new List<FieldViolation>();
        Common(reply.RequestId, reply.Requester, reply.Origin, reply.FromSequence, reply.ToSequence, reply.IssuedAt, errors);
        if (errors.Count > 0)
        {
            return errors;
        }

        // Each number of the range accounted for exactly once: the requester relies on it to close its gaps.
        var all = reply.Resent.Concat(reply.NotAddressed).Concat(reply.Unavailable).ToArray();
        var expected = reply.ToSequence - reply.FromSequence + 1;
        if ((ulong)all.Length != expected || all.Distinct().Count() != all.Length || all.Any(n => n < reply.FromSequence || n > reply.ToSequence))
        {
            errors.Add("resent", $"resent, not_addressed and unavailable must list each number of {reply.FromSequence}..{reply.ToSequence} exactly once.");
        }

        return errors;
    }

    private static void Common(string id, string requester, string origin, ulong from, ulong to, Google.Protobuf.WellKnownTypes.Timestamp? issuedAt, List<FieldViolation> errors)
    {
        if (!Uuid7.IsCanonical(id))
        {
            errors.Add("request_id", $"request_id '{TextRules.Shorten(id, 64)}' is not a UUIDv7 in lowercase canonical form.");
        }

        if (!NodeIds.IsValid(requester) || !NodeIds.IsValid(origin))
        {
            errors.Add(NodeIds.IsValid(requester) ? "origin" : "requester", $"requester and origin must be valid node ids ({NodeIds.Rule}).");
        }
        else if (requester == origin)
        {
            errors.Add("origin", "A node does not ask itself for its own notices.");
        }

        if (from < 1 || to < from || to - from + 1 > MaxRange)
        {
            errors.Add(from < 1 ? "from_sequence" : "to_sequence", $"The range {from}..{to} must start at 1 or more, not end before it starts, and cover at most {MaxRange} numbers.");
        }

        if (!WireTimes.IsSet(issuedAt))
        {
            errors.Add("issued_at", "issued_at must be set.");
        }
    }
}
