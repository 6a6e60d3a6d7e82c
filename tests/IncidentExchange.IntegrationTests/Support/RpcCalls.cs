using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>
/// Calls any gRPC method of a running gateway with an empty request, whatever its kind, and reports the
/// status it ended with: enough to see whether the call got past authorization.
/// </summary>
public static class RpcCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every gRPC method the gateway serves, read from its endpoints (so nothing mapped is missed).</summary>
    public static IReadOnlyList<IMethod> Served(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .DistinctBy(m => m.FullName)
            .ToList();

    /// <summary>Sends <paramref name="body"/> as it is (any bytes) to a unary method; the final status and its detail.</summary>
    public static async Task<Status> UnaryRawAsync(CallInvoker invoker, string service, string name, byte[] body)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, service, name, Bytes, Bytes);
        try
        {
            await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(15)), body);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Sends each of <paramref name="messages"/> as it is (any bytes) on a client-streaming method; the final status and its detail.</summary>
    public static async Task<Status> ClientStreamRawAsync(CallInvoker invoker, string service, string name, params byte[][] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var method = new Method<byte[], byte[]>(MethodType.ClientStreaming, service, name, Bytes, Bytes);
        try
        {
            using var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(15)));
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>Calls <paramref name="served"/> with an empty message (and an empty request stream); the final status.</summary>
    public static async Task<StatusCode> CallAsync(CallInvoker invoker, IMethod served)
    {
        var method = new Method<byte[], byte[]>(served.Type, served.ServiceName, served.Name, Bytes, Bytes);
        // Streams that would stay open (Subscribe, an open-ended replay) end at the deadline: past authorization.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(3));
        try
        {
            switch (served.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, []);
                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseAsync;
                    }

                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, []))
                    {
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
            }

            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
