namespace IncidentExchange.Core.Failures;

/// <summary>
/// A request that breaks a rule (INVALID_ARGUMENT), naming the fields at fault where it can. The product's
/// "…RejectedException"s derive from it, one per feature, so each says what was refused.
/// </summary>
public abstract class RequestRejectedException : IncxException
{
    /// <summary>A request refused for a reason no single field carries.</summary>
    protected RequestRejectedException(string message)
        : base(FailureKind.InvalidArgument, message)
    {
    }

    /// <summary>A request whose one broken rule is <paramref name="violation"/>; its sentence is the message.</summary>
    protected RequestRejectedException(FieldViolation violation)
        : this(Described(violation).Description, [violation])
    {
    }

    /// <summary>A request refused with <paramref name="message"/>, its broken rules being <paramref name="violations"/>.</summary>
    protected RequestRejectedException(string message, IReadOnlyList<FieldViolation> violations)
        : base(FailureKind.InvalidArgument, message, violations)
    {
    }

    private static FieldViolation Described(FieldViolation violation) =>
        violation ?? throw new ArgumentNullException(nameof(violation));
}
