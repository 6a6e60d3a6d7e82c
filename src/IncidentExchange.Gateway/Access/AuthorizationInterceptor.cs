using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentExchange.Core.Access;
using IncidentExchange.Gateway.Observability;

namespace IncidentExchange.Gateway.Access;

/// <summary>
/// Every gRPC call passes here before its service sees it: the bearer token names a configured client
/// (else UNAUTHENTICATED) whose roles include one the method needs (else PERMISSION_DENIED).
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
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Authorize(context);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // A streamed message is parsed as the service reads it (unlike a single request; see MalformedRequestGuard).
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A message in the request stream is not valid protobuf: {ex.Message}"));
        }
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
            Refuse(StatusCode.Unauthenticated, method, context.Peer, refusal);
        }

        var required = RpcPermissions.RequiredFor(method);
        if (required == ClientRoles.None)
        {
            Refuse(StatusCode.PermissionDenied, method, context.Peer, $"{ShortName(method)} is not open to any role on this gateway.");
        }

        if ((client!.Roles & required) == ClientRoles.None)
        {
            Refuse(StatusCode.PermissionDenied, method, context.Peer,
                $"Client '{client.Name}' ({ClientRoleNames.Format(client.Roles)}) may not call {ShortName(method)}: it needs the {ClientRoleNames.Alternatives(required)} role.");
        }

        context.UserState[ClientKey] = client;
    }

    private static string? BearerToken(Metadata headers) => BearerToken(headers.GetValue("authorization"));

    /// <summary>The token of an <c>authorization: Bearer &lt;token&gt;</c> header value, or null.</summary>
    internal static string? BearerToken(string? value) =>
        value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? value[BearerPrefix.Length..].Trim() : null;

    private static string ShortName(string method) => method.TrimStart('/').Replace("incx.v1.", "", StringComparison.Ordinal);

    private void Refuse(StatusCode code, string method, string peer, string sentence)
    {
        metrics.CallRefused(code == StatusCode.Unauthenticated ? "unauthenticated" : "permission_denied", method);
        LogRefused(logger, method, peer, sentence);
        throw new RpcException(new Status(code, sentence));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string peer, string reason);
}
