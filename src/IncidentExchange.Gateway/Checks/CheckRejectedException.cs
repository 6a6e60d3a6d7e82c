using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Checks;

/// <summary>A communication check that cannot be sent as asked (no targets, unknown node, bad timeout or text).</summary>
public sealed class CheckRejectedException : RequestRejectedException
{
    /// <summary>One broken rule.</summary>
    public CheckRejectedException(FieldViolation violation)
        : base(violation)
    {
    }

    /// <summary>Broken rules of the check built from the request, said together in <paramref name="message"/>.</summary>
    public CheckRejectedException(string message, IReadOnlyList<FieldViolation> violations)
        : base(message, violations)
    {
    }
}
