using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using IncidentExchange.Cli.Common;

namespace IncidentExchange.Core.Tests.Cli;

/// <summary>How the CLI turns a gateway's error into its one sentence: field violations only where they add something.</summary>
public class CliErrorsTests
{
    [Test]
    public async Task RunAsync_ViolationsTheSentenceAlreadySays_SentenceUnchanged()
    {
        var failure = Rejected("title is required.", ("notice.title", "title is required."));

        var (code, error) = await RunAsync(failure);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failure));
            Assert.That(error, Is.EqualTo("incx: title is required. (InvalidArgument)" + Environment.NewLine));
        });
    }

    [Test]
    public async Task RunAsync_ViolationsOnlyInTheDetails_AppendedWithTheirFields()
    {
        var failure = Rejected("The notice is invalid.", ("notice.title", "title is required."), ("notice.tlp", "tlp must be set."));

        var (_, error) = await RunAsync(failure);

        Assert.That(error, Is.EqualTo("incx: The notice is invalid. (notice.title: title is required; notice.tlp: tlp must be set) (InvalidArgument)" + Environment.NewLine));
    }

    [Test]
    public async Task RunAsync_StatusWithoutDetails_SentenceAndCodeOnly()
    {
        var (_, error) = await RunAsync(new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "This node knows nothing about node 'zz'.")));

        Assert.That(error, Is.EqualTo("incx: This node knows nothing about node 'zz'. (NotFound)" + Environment.NewLine));
    }

    private static RpcException Rejected(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    private static async Task<(int Code, string Error)> RunAsync(RpcException failure)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliErrors.RunAsync(new CliConsole(output, error), "http://127.0.0.1:7101", () => throw failure);
        return (code, error.ToString());
    }
}
