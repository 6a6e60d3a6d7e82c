using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Contacts;

/// <summary>A requested change to this node's own record breaks a record rule; nothing was published.</summary>
public sealed class ContactUpdateRejectedException : RequestRejectedException
{
    /// <summary>One broken rule.</summary>
    public ContactUpdateRejectedException(FieldViolation violation)
        : base(violation)
    {
    }

    /// <summary>Broken rules of the record the change would make, said together in <paramref name="message"/>.</summary>
    public ContactUpdateRejectedException(string message, IReadOnlyList<FieldViolation> violations)
        : base(message, violations)
    {
    }
}
