using System.Buffers.Binary;
using Google.Protobuf;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// grpc-dotnet parses a unary or server-streaming request before any interceptor runs, and answers a request it
/// cannot parse with UNKNOWN "Exception was thrown by handler." This middleware parses such requests to incx
/// services first and answers one that is not the method's protobuf message with INVALID_ARGUMENT and a sentence.
/// Requests it cannot judge (compressed, several messages, over the size limit) go on unchanged for gRPC to handle.
/// </summary>
public sealed class MalformedRequestGuard(RequestDelegate next)
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
            || context.Request.ContentLength > MaxMessageBytes + FrameHeaderBytes)
        {
            await next(context);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (Unparseable(bytes.Span, method.Parser) is { } problem)
        {
            // A trailers-only response: the status travels in the headers, there is no message.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)global::Grpc.Core.StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = $"The request is not a valid protobuf incx.v1.{method.Name}: {problem}";
            return;
        }

        context.Request.Body = new MemoryStream(buffer.ToArray(), writable: false);
        await next(context);
    }

    // Null when the frame parses (or is not one this guard judges), else why not, in ASCII (grpc-message is percent-encoded otherwise).
    private static string? Unparseable(ReadOnlySpan<byte> frame, MessageParser parser)
    {
        if (frame.Length < FrameHeaderBytes || frame[0] != 0)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(frame[1..FrameHeaderBytes]);
        if (length != frame.Length - FrameHeaderBytes)
        {
            return null;
        }

        try
        {
            parser.ParseFrom(frame[FrameHeaderBytes..].ToArray());
            return null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return new string(ex.Message.Select(c => c is >= ' ' and <= '~' && c != '%' ? c : ' ').ToArray()).TrimEnd('.') + ".";
        }
    }
}
