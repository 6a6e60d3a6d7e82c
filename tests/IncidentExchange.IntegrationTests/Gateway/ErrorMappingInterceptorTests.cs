using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Failures;
using IncidentExchange.Gateway.Grpc;
using IncidentExchange.Gateway.Publishing;
using IncidentExchange.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace IncidentExchange.IntegrationTests.Gateway;

/// <summary>
/// The one error-mapping interceptor, called directly (no server, no broker): a bug is INTERNAL and logged, never
/// UNKNOWN; a domain failure is its kind's status with its sentence and field violations; a cancelled call stays so.
/// </summary>
public sealed class ErrorMappingInterceptorTests
{
    private const string Method = "/incx.v1.IncidentGateway/Publish";
    private CapturingLogger<ErrorMappingInterceptor> _log = null!;
    private ErrorMappingInterceptor _interceptor = null!;

    [SetUp]
    public void CreateInterceptor()
    {
        _log = new CapturingLogger<ErrorMappingInterceptor>();
        _interceptor = new ErrorMappingInterceptor(_log);
    }

    [Test]
    public void UnaryServerHandler_UnexpectedException_InternalWithAGenericSentenceAndLogged()
    {
        var bug = new InvalidOperationException("Sequence contains no elements");

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _interceptor.UnaryServerHandler<PublishRequest, PublishReply>(new PublishRequest(), new FakeServerCallContext(Method), (_, _) => throw bug));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
            Assert.That(error.Status.Detail, Is.EqualTo(ErrorMappingInterceptor.UnexpectedSentence));
            Assert.That(error.Status.Detail, Does.Not.Contain("Sequence contains"), "nothing of the bug reaches the client");
            Assert.That(_log.Entries, Has.One.Matches<(LogLevel Level, Exception? Exception, string Message)>(e => e.Level == LogLevel.Error && ReferenceEquals(e.Exception, bug) && e.Message.Contains(Method, StringComparison.Ordinal)));
        });
    }

    [Test]
    public void ServerStreamingServerHandler_UnexpectedExceptionWhileStreaming_Internal()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _interceptor.ServerStreamingServerHandler<SubscribeRequest, Alert>(new SubscribeRequest(), null!, new FakeServerCallContext(Method), async (_, _, _) =>
            {
                await Task.Yield();
                throw new KeyNotFoundException("a bug mid-stream");
            }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [Test]
    public void UnaryServerHandler_DomainFailure_ItsKindsStatusSentenceAndFieldViolations()
    {
        var rejected = new NoticeRejectedException("title is required.", [new FieldViolation("notice.title", "title is required.")]);

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _interceptor.UnaryServerHandler<PublishRequest, PublishReply>(new PublishRequest(), new FakeServerCallContext(Method), (_, _) => throw rejected));
        var details = error!.GetRpcStatus();

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Is.EqualTo("title is required."));
            Assert.That(details?.Code, Is.EqualTo((int)StatusCode.InvalidArgument));
            Assert.That(details?.GetDetail<BadRequest>()?.FieldViolations.Single().Field, Is.EqualTo("notice.title"));
            Assert.That(_log.Entries, Is.Empty, "an expected failure is not logged as a fault");
        });
    }

    [Test]
    public void ClientStreamingServerHandler_MessageNotProtobuf_InvalidArgument()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _interceptor.ClientStreamingServerHandler<PublishRequest, PublishBatchReply>(new UnparseableStream(), new FakeServerCallContext(Method), async (stream, _) =>
            {
                await stream.MoveNext(CancellationToken.None);
                return new PublishBatchReply();
            }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(error.Status.Detail, Does.StartWith("A message in the request stream is not valid protobuf: "));
        });
    }

    [Test]
    public async Task UnaryServerHandler_CallCancelledByItsClient_CancellationPassesUnchanged()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var thrown = Assert.CatchAsync(async () =>
            await _interceptor.UnaryServerHandler<PublishRequest, PublishReply>(new PublishRequest(), new FakeServerCallContext(Method, cancelled.Token), (_, context) => Task.FromCanceled<PublishReply>(context.CancellationToken)));

        Assert.That(thrown, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void UnaryServerHandler_StatusDecidedByGrpc_PassesUnchanged()
    {
        var decided = new RpcException(new Grpc.Core.Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _interceptor.UnaryServerHandler<PublishRequest, PublishReply>(new PublishRequest(), new FakeServerCallContext(Method), (_, _) => throw decided));

        Assert.That(error, Is.SameAs(decided));
    }

    [Test]
    public void CodeOf_EveryFailureKind_IsTheGrpcCodeOfTheSameNameAndNumber()
    {
        var mapped = Enum.GetValues<FailureKind>().Select(kind => (Kind: kind.ToString(), Number: (int)kind, Code: RpcStatuses.CodeOf(kind))).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(mapped, Has.Count.GreaterThanOrEqualTo(8));
            Assert.That(mapped.Select(m => m.Code.ToString()), Is.EqualTo(mapped.Select(m => m.Kind)));
            Assert.That(mapped.Select(m => (int)m.Code), Is.EqualTo(mapped.Select(m => m.Number)));
        });
    }

    // A request stream whose first message does not parse, as gRPC reports it: InvalidProtocolBufferException.
    private sealed class UnparseableStream : IAsyncStreamReader<PublishRequest>
    {
        public PublishRequest Current => throw new InvalidOperationException("No message was read.");

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            PublishRequest.Parser.ParseFrom(ByteString.CopyFrom(0xFF, 0xFF, 0xFF, 0x0A));
            return Task.FromResult(true);
        }
    }
}
