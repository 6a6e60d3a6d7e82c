using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentExchange.Core.Access;
using IncidentExchange.Core.Failures;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Access;

/// <summary>
/// Every gRPC call passes here before its service sees it: the bearer token names a configured client
/// (else UNAUTHENTICATED) whose roles include one the method needs (else PERMISSION_DENIED). A refusal is a
/// <see cref="CallRefusedException"/>, which the error-mapping interceptor around this one answers with.
/// </summary>
public sealed partial class AuthorizationInterceptor(ClientRegistry clients, GatewayMetrics metrics, ILogger<AuthorizationInterceptor> logger) : Interceptor
{
    /// <summary>Key of the authenticated <see cref="GatewayClient"/> in <see cref="ServerCallContext.UserState"/>.</summary>
    public const string ClientKey = "incx.client";

    private const string BearerPrefix = "Bearer ";

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Method;
        if (RpcPermissions.IsAnonymous(method))
        {
            return;
        }

        var client = clients.Authenticate(BearerToken(context.RequestHeaders), out var refusal);
        if (client is null)
        {
            throw Refused(CallRefusedException.Unauthenticated(refusal), method, context.Peer);
        }

        var required = RpcPermissions.RequiredFor(method);
        if (required == ClientRoles.None)
        {
            throw Refused(CallRefusedException.PermissionDenied($"{ShortName(method)} is not open to any role on this gateway."), method, context.Peer);
        }

        if ((client.Roles & required) == ClientRoles.None)
        {
            throw Refused(
                CallRefusedException.PermissionDenied($"Client '{client.Name}' ({ClientRoleNames.Format(client.Roles)}) may not call {ShortName(method)}: it needs the {ClientRoleNames.Alternatives(required)} role."),
                method,
                context.Peer);
        }

        context.UserState[ClientKey] = client;
    }

    private static string? BearerToken(Metadata headers) => BearerToken(headers.GetValue("authorization"));

    /// <summary>The token of an <c>authorization: Bearer &lt;token&gt;</c> header value, or null.</summary>
    internal static string? BearerToken(string? value) =>
        value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? value[BearerPrefix.Length..].Trim() : null;

    private static string ShortName(string method) => method.TrimStart('/').Replace("incx.v1.", "", StringComparison.Ordinal);

    private CallRefusedException Refused(CallRefusedException refusal, string method, string peer)
    {
        metrics.CallRefused(refusal.Kind == FailureKind.Unauthenticated ? "unauthenticated" : "permission_denied", method);
        LogRefused(logger, method, peer, refusal.Message);
        return refusal;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string peer, string reason);
}
