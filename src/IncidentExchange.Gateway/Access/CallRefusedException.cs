using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Access;

/// <summary>A call refused before its service saw it: no token this node accepts, or a client without the role needed.</summary>
public sealed class CallRefusedException : IncxException
{
    private CallRefusedException(FailureKind kind, string message)
        : base(kind, message)
    {
    }

    /// <summary>No token, or one this node does not accept (UNAUTHENTICATED).</summary>
    public static CallRefusedException Unauthenticated(string message) => new(FailureKind.Unauthenticated, message);

    /// <summary>A known client without a role the method needs (PERMISSION_DENIED).</summary>
    public static CallRefusedException PermissionDenied(string message) => new(FailureKind.PermissionDenied, message);
}
