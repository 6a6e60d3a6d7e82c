namespace IncidentExchange.Core.Failures;

/// <summary>
/// What kind of failure a request met, in terms every client library knows: each kind is the gRPC status code of the
/// same name and number. Core names them without depending on gRPC; the gateway turns one into the other, name for
/// name, in its one error-mapping interceptor.
/// </summary>
public enum FailureKind
{
    /// <summary>The request breaks a rule; sent again unchanged it fails again.</summary>
    InvalidArgument = 3,

    /// <summary>What the request names (a notice, node, key, subscription, check) is not known here.</summary>
    NotFound = 5,

    /// <summary>The request would create something that exists already with other content.</summary>
    AlreadyExists = 6,

    /// <summary>The client is known but holds no role that may make this request.</summary>
    PermissionDenied = 7,

    /// <summary>A bound was reached: a batch too large, a subscriber too far behind, a full queue.</summary>
    ResourceExhausted = 8,

    /// <summary>The request is well formed but the node's state does not allow it now.</summary>
    FailedPrecondition = 9,

    /// <summary>Something the node needs (its broker, the history stream) is away, or the node is stopping; try again later.</summary>
    Unavailable = 14,

    /// <summary>The request carries no token this node accepts.</summary>
    Unauthenticated = 16,
}
