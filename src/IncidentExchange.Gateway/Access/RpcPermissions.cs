using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Access;

namespace IncidentExchange.Gateway.Access;

/// <summary>
/// Which roles may call each RPC, in one table. A method that is not listed is refused to everyone,
/// so a new RPC stays closed until someone decides who may call it (and AccessTests fail until then).
/// </summary>
public static class RpcPermissions
{
    private const ClientRoles AnyRole = ClientRoles.Publisher | ClientRoles.ContactPoint | ClientRoles.Operator;

    // Standard services any client library expects to reach without credentials: probes and tooling.
    private static readonly string[] AnonymousServices = ["grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"];

    private static readonly Dictionary<string, ClientRoles> Roles = new(StringComparer.Ordinal)
    {
        [Method(IncidentGateway.Descriptor, "Publish")] = ClientRoles.Publisher,
        [Method(IncidentGateway.Descriptor, "PublishBatch")] = ClientRoles.Publisher,
        [Method(IncidentGateway.Descriptor, "Subscribe")] = ClientRoles.ContactPoint,
        [Method(IncidentGateway.Descriptor, "Acknowledge")] = ClientRoles.ContactPoint,
        [Method(IncidentGateway.Descriptor, "ListSubscriptions")] = ClientRoles.ContactPoint | ClientRoles.Operator,
        [Method(IncidentGateway.Descriptor, "DeleteSubscription")] = ClientRoles.Operator,
        // The analyst who published a notice follows who received and acknowledged it.
        [Method(IncidentGateway.Descriptor, "GetDeliveryStatus")] = ClientRoles.Publisher | ClientRoles.Operator,
        [Method(IncidentGateway.Descriptor, "ListNodes")] = AnyRole,
        [Method(IncidentGateway.Descriptor, "StartCheck")] = ClientRoles.Operator,
        [Method(IncidentGateway.Descriptor, "GetCheckReport")] = ClientRoles.Operator,
        [Method(IncidentGateway.Descriptor, "ListChecks")] = ClientRoles.Operator,
        // In a crisis everyone with a role needs to look up whom to call.
        [Method(PointsOfContact.Descriptor, "ListContacts")] = AnyRole,
        [Method(PointsOfContact.Descriptor, "GetContact")] = AnyRole,
        [Method(PointsOfContact.Descriptor, "GetContactHistory")] = AnyRole,
        [Method(PointsOfContact.Descriptor, "PublishContacts")] = ClientRoles.Publisher,
        [Method(PointsOfContact.Descriptor, "RotateKey")] = ClientRoles.Operator,
        [Method(PointsOfContact.Descriptor, "RevokeKey")] = ClientRoles.Operator,
        [Method(Contracts.V1.History.Descriptor, "Replay")] = ClientRoles.Operator,
        [Method(Contracts.V1.History.Descriptor, "CheckGaps")] = ClientRoles.Operator,
        [Method(Contracts.V1.History.Descriptor, "RequestResend")] = ClientRoles.Operator,
    };

    /// <summary>Every method with roles, by full gRPC name (<c>/incx.v1.IncidentGateway/Publish</c>).</summary>
    public static IReadOnlyDictionary<string, ClientRoles> All => Roles;

    /// <summary>True if <paramref name="method"/> (full gRPC name) is served without a token.</summary>
    public static bool IsAnonymous(string method) =>
        AnonymousServices.Any(service => method.StartsWith("/" + service + "/", StringComparison.Ordinal));

    /// <summary>The roles that may call <paramref name="method"/>; <see cref="ClientRoles.None"/> if it is not listed.</summary>
    public static ClientRoles RequiredFor(string method) => Roles.GetValueOrDefault(method);

    /// <summary>The full gRPC name of a method: <c>/package.Service/Method</c>.</summary>
    public static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        return $"/{service.FullName}/{name}";
    }
}
