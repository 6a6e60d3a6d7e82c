using System.Globalization;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Upgrade;

/// <summary>
/// Not a test but the tool that writes <c>expected/</c> of tests/fixtures/v1-data-folder: it asks ee's running
/// gateway, in the set tests/fixtures/make-v1-data-folder.sh drives, everything <see cref="StateQuestions"/> covers,
/// and keeps the answers once they no longer change. The script sets its environment: <c>INCX_GATEWAY</c> and
/// <c>INCX_TOKEN_FILE</c> (as for the CLI), <c>INCX_V1_NOTICES</c> (a file of "&lt;notice id&gt; &lt;revision&gt;"
/// lines: what ee published, or tried to), <c>INCX_V1_EXPECTED</c> (where to write) and
/// <c>Incx__Alerts__AcknowledgeDeadline</c> (the deadline the gateways run with).
/// </summary>
public sealed class V1DataFolderCapture
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    [Test]
    [Explicit("A tool, run by tests/fixtures/make-v1-data-folder.sh against the gateway of the set it drives.")]
    public async Task Capture_FromTheRunningGateway_WritesItsStateOnceSettled()
    {
        var address = new Uri(Required("INCX_GATEWAY"));
        var token = (await File.ReadAllTextAsync(Required("INCX_TOKEN_FILE"))).Trim();
        var notices = File.ReadLines(Required("INCX_V1_NOTICES")).Where(l => l.Length > 0).Select(Notice).ToArray();
        var output = Required("INCX_V1_EXPECTED");
        var deadline = TimeSpan.Parse(Required("Incx__Alerts__AcknowledgeDeadline"), CultureInfo.InvariantCulture);
        // The deadline watcher looks every quarter deadline (1 to 30 s): unchanged over two of its looks, nothing is left to it.
        var look = TimeSpan.FromTicks(Math.Clamp(deadline.Ticks / 4, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
        using var channel = TestNode.OpenChannel(address, token);
        var gateway = new IncidentGateway.IncidentGatewayClient(channel);
        var contacts = new PointsOfContact.PointsOfContactClient(channel);

        IReadOnlyDictionary<string, IMessage>? last = null;
        var settled = await Poll.UntilAsync(async () =>
        {
            var questions = StateQuestions.About(
                await contacts.ListContactsAsync(new ListContactsRequest()), await gateway.ListChecksAsync(new ListChecksRequest { Limit = 1_000 }), notices);
            var now = await StateFiles.ObserveAsync(channel, questions);
            var same = last is not null && StateFiles.Same(last, now) && Final(now);
            last = now;
            return same;
        }, GiveUpAfter, 2 * look);

        Assert.That(settled, Is.True, $"ee's state still changed, or a deadline or check timeout had not passed, after {GiveUpAfter}.");
        StateFiles.Write(output, last!);
    }

    // Answers that no longer turn with the clock: every acknowledgement deadline past (overdue is computed when asked)
    // and every check complete (its outcomes are judged at its timeout).
    private static bool Final(IReadOnlyDictionary<string, IMessage> answers) =>
        answers.Values.OfType<DeliveryStatusReply>().All(d => d.AcknowledgeBy is null || d.AcknowledgeBy.ToDateTimeOffset() < DateTimeOffset.UtcNow)
        && answers.Values.OfType<CheckReport>().All(c => c.Complete);

    private static (string NoticeId, uint Revision) Notice(string line) =>
        line.Split(' ') is [var id, var revision] && uint.TryParse(revision, CultureInfo.InvariantCulture, out var number)
            ? (id, number)
            : throw new FormatException($"INCX_V1_NOTICES: '{line}' is not '<notice id> <revision>'.");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set; run tests/fixtures/make-v1-data-folder.sh, which sets it.");
}
