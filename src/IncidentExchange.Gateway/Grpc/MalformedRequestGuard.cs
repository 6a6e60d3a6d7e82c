using System.Buffers.Binary;
using Google.Protobuf;
using IncidentExchange.Gateway.Access;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// grpc-dotnet parses a unary or server-streaming request before any interceptor runs, and answers a request it
/// cannot parse with UNKNOWN "Exception was thrown by handler." This middleware parses such requests to incx
/// services first and answers one that is not the method's protobuf message with INVALID_ARGUMENT and a sentence.
/// It judges only requests of authenticated clients (others go on, for the authorization check to refuse), and
/// reads at most one message of at most gRPC's size limit. Requests it cannot judge (compressed, several messages,
/// over the size limit) go on unchanged for gRPC to handle.
/// </summary>
public sealed class MalformedRequestGuard(RequestDelegate next, ClientRegistry clients)
{
    // gRPC's default receive limit; larger requests are refused by gRPC itself (RESOURCE_EXHAUSTED).
    private const int MaxMessageBytes = 4 * 1024 * 1024;
    private const int FrameHeaderBytes = 5;

    private static readonly Dictionary<string, (string Name, MessageParser Parser)> SingleRequestMethods =
        IncxServices.All
            .SelectMany(service => service.Methods.Where(m => !m.IsClientStreaming).Select(m => ($"/{service.FullName}/{m.Name}", m)))
            .ToDictionary(p => p.Item1, p => (p.m.InputType.Name, p.m.InputType.Parser), StringComparer.Ordinal);

    /// <summary>Checks the request if it is for a unary or server-streaming incx method; otherwise passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!SingleRequestMethods.TryGetValue(context.Request.Path.Value ?? "", out var method)
            || clients.Authenticate(AuthorizationInterceptor.BearerToken(context.Request.Headers.Authorization), out _) is null)
        {
            await next(context);
            return;
        }

        // The 5-byte frame header first: a message over the limit is not read here (gRPC refuses it, RESOURCE_EXHAUSTED).
        var header = new byte[FrameHeaderBytes];
        var read = await ReadUpToAsync(context.Request.Body, header, context.RequestAborted);
        var length = read == FrameHeaderBytes ? BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1)) : 0;
        var frame = header.AsMemory(0, read);
        if (read == FrameHeaderBytes && header[0] == 0 && length <= MaxMessageBytes)
        {
            var whole = new byte[FrameHeaderBytes + length];
            header.CopyTo(whole, 0);
            var body = await ReadUpToAsync(context.Request.Body, whole.AsMemory(FrameHeaderBytes), context.RequestAborted);
            frame = whole.AsMemory(0, FrameHeaderBytes + body);
            // Only a request of exactly one message is judged: probe for a byte beyond it (kept if there is one).
            var probe = new byte[1];
            var beyond = body == length ? await ReadUpToAsync(context.Request.Body, probe, context.RequestAborted) : 0;
            if (beyond > 0)
            {
                frame = whole.Concat(probe).ToArray();
            }
            else if (body == length && Unparseable(whole.AsSpan(FrameHeaderBytes), method.Parser) is { } problem)
            {
                // A trailers-only response: the status travels in the headers, there is no message.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/grpc";
                context.Response.Headers["grpc-status"] = ((int)global::Grpc.Core.StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = $"The request is not a valid protobuf incx.v1.{method.Name}: {problem}";
                return;
            }
        }

        // Whatever was read goes back in front of the rest, unchanged.
        context.Request.Body = new PrefixedStream(frame, context.Request.Body);
        await next(context);
    }

    private static async Task<int> ReadUpToAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[total..], cancellationToken);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    // Null when the message parses, else why not, in ASCII (grpc-message is percent-encoded otherwise).
    private static string? Unparseable(ReadOnlySpan<byte> message, MessageParser parser)
    {
        try
        {
            parser.ParseFrom(message.ToArray());
            return null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return new string(ex.Message.Select(c => c is >= ' ' and <= '~' && c != '%' ? c : ' ').ToArray()).TrimEnd('.') + ".";
        }
    }
}
