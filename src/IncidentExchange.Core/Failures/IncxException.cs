namespace IncidentExchange.Core.Failures;

/// <summary>
/// A failure the product expects and explains in one sentence (the message): a request that breaks a rule, names
/// something unknown, or cannot be served now. <see cref="Kind"/> says which, so the gateway answers with the
/// matching status without knowing the exception; <see cref="Violations"/> names the fields at fault, if any.
/// Anything thrown that is not one of these is a bug, and the gateway answers INTERNAL.
/// </summary>
public abstract class IncxException : Exception
{
    /// <summary>A failure of <paramref name="kind"/> that <paramref name="message"/> explains.</summary>
    protected IncxException(FailureKind kind, string message, IReadOnlyList<FieldViolation>? violations = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Violations = violations ?? [];
    }

    /// <summary>What kind of failure this is; the gRPC status code of the same name.</summary>
    public FailureKind Kind { get; }

    /// <summary>The request's fields at fault, each with its sentence; empty when the failure is not about a field.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }
}
