using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Resends;

/// <summary>A re-send request that cannot be sent as asked (not a peer, a range the rules refuse); nothing was sent.</summary>
public sealed class ResendRejectedException : RequestRejectedException
{
    /// <summary>One broken rule.</summary>
    public ResendRejectedException(FieldViolation violation)
        : base(violation)
    {
    }

    /// <summary>Broken rules of the request built from the call, said together in <paramref name="message"/>.</summary>
    public ResendRejectedException(string message, IReadOnlyList<FieldViolation> violations)
        : base(message, violations)
    {
    }
}
