using Google.Protobuf;
using Grpc.Core;

namespace IncidentExchange.Gateway.Grpc;

/// <summary>
/// A request stream whose messages that are not valid protobuf fail as <see cref="MalformedRequestException"/>. A
/// streamed message is parsed only when the service reads it (unlike a single request, see
/// <see cref="MalformedRequestGuard"/>), so this is where a parse failure is known to be the client's.
/// </summary>
internal sealed class ParsedRequestStream<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.MoveNext(cancellationToken);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new MalformedRequestException($"A message in the request stream is not valid protobuf: {ex.Message}", ex);
        }
    }
}
