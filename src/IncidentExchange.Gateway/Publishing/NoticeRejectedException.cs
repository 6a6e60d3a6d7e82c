using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Publishing;

/// <summary>
/// A notice submitted for publishing breaks a rule; the message says which, in one sentence per rule, and each
/// violation names its field in the request (<c>notice.title</c>). Nothing was published.
/// </summary>
public sealed class NoticeRejectedException : RequestRejectedException
{
    /// <summary>One broken rule.</summary>
    public NoticeRejectedException(FieldViolation violation)
        : base(violation)
    {
    }

    /// <summary>Several broken rules, or one said with context (<c>Notice #2 of the batch: …</c>).</summary>
    public NoticeRejectedException(string message, IReadOnlyList<FieldViolation> violations)
        : base(message, violations)
    {
    }
}
