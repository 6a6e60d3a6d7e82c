using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// The status a failure is answered with: the gRPC code of its kind, its sentence, and the same as a
/// <c>google.rpc.Status</c> in the <c>grpc-status-details-bin</c> trailer (the rich error model), carrying a
/// <c>google.rpc.BadRequest</c> with the field violations when there are any, so a client in any language can
/// show which field was wrong.
/// </summary>
internal static class RpcStatuses
{
    // Trailers travel as HTTP/2 headers, which clients bound (HttpClient: 64 KiB in all). The message already lists
    // every broken rule; the details carry the first ones up to this size.
    private const int MaxBadRequestBytes = 8 * 1024;

    /// <summary>The gRPC status code named like <paramref name="kind"/>.</summary>
    public static StatusCode CodeOf(FailureKind kind) => kind switch
    {
        FailureKind.InvalidArgument => StatusCode.InvalidArgument,
        FailureKind.NotFound => StatusCode.NotFound,
        FailureKind.AlreadyExists => StatusCode.AlreadyExists,
        FailureKind.PermissionDenied => StatusCode.PermissionDenied,
        FailureKind.ResourceExhausted => StatusCode.ResourceExhausted,
        FailureKind.FailedPrecondition => StatusCode.FailedPrecondition,
        FailureKind.Unavailable => StatusCode.Unavailable,
        FailureKind.Unauthenticated => StatusCode.Unauthenticated,
        _ => StatusCode.Internal,
    };

    /// <summary>The exception that answers the call with <paramref name="failure"/>'s status and details.</summary>
    public static RpcException For(IncxException failure)
    {
        var status = new Google.Rpc.Status { Code = (int)CodeOf(failure.Kind), Message = failure.Message };
        if (BadRequestOf(failure.Violations) is { } badRequest)
        {
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    /// <summary>The exception that answers the call with <paramref name="code"/> and <paramref name="message"/>, no details beyond them.</summary>
    public static RpcException For(StatusCode code, string message) =>
        new Google.Rpc.Status { Code = (int)code, Message = message }.ToRpcException();

    private static BadRequest? BadRequestOf(IReadOnlyList<FieldViolation> violations)
    {
        if (violations.Count == 0)
        {
            return null;
        }

        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            var field = new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description };
            if (badRequest.FieldViolations.Count > 0 && badRequest.CalculateSize() + field.CalculateSize() > MaxBadRequestBytes)
            {
                break;
            }

            badRequest.FieldViolations.Add(field);
        }

        return badRequest;
    }
}
