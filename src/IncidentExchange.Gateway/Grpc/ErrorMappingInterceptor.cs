using Grpc.Core;
using Grpc.Core.Interceptors;
using IncidentExchange.Core.Failures;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// The one place where what a call throws becomes its gRPC status. Registered first, so it wraps every other
/// interceptor (authorization included) and every service, for every kind of call: what a server stream throws
/// while it runs, and a client stream's message that is not valid protobuf, go through it too.
/// An <see cref="IncxException"/> is answered with the status of its kind, its sentence, and its field violations
/// as <c>google.rpc.BadRequest</c> details (<see cref="RpcStatuses"/>). A status gRPC itself decided
/// (<see cref="RpcException"/>) and a call its client cancelled end as they are. Anything else is a bug: it is
/// logged and answered INTERNAL with a sentence that gives nothing of it away; never UNKNOWN.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    /// <summary>The sentence of an INTERNAL answer.</summary>
    public const string UnexpectedSentence = "The gateway failed unexpectedly while serving this call; the failure is in its log.";

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (IsToMap(ex, context))
        {
            throw Map(ex, context);
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(new ParsedRequestStream<TRequest>(requestStream), context);
        }
        catch (Exception ex) when (IsToMap(ex, context))
        {
            throw Map(ex, context);
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (IsToMap(ex, context))
        {
            throw Map(ex, context);
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(new ParsedRequestStream<TRequest>(requestStream), responseStream, context);
        }
        catch (Exception ex) when (IsToMap(ex, context))
        {
            throw Map(ex, context);
        }
    }

    // gRPC's own statuses stand; so does a cancellation of the call itself (client gone, deadline passed), whose
    // status gRPC has set already.
    private static bool IsToMap(Exception ex, ServerCallContext context) =>
        ex is not RpcException && !(ex is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        if (ex is IncxException failure)
        {
            return RpcStatuses.For(failure);
        }

        LogUnexpected(logger, ex, context.Method);
        return RpcStatuses.For(StatusCode.Internal, UnexpectedSentence);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method}; answered INTERNAL")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
