using System.Text.Json;
using IncidentExchange.Cli;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Cli;

/// <summary>The README walk-through as a test: incx publish at a real gateway, incx watch sees it verified.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CliEndToEndTests : NodeTest
{
    [Test]
    public async Task Publish_WhileWatchRuns_WatchShowsTheNoticeVerifiedAndExitsZero()
    {
        var watchOut = new CapturedWriter();
        var watchErr = new CapturedWriter();
        var watch = CliApp.RunAsync(["watch", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--count", "1", "--timeout", "60s"], watchOut, watchErr);
        await watchErr.WaitForAsync("watching", TimeSpan.FromSeconds(30));

        var publishOut = new CapturedWriter();
        var publishErr = new CapturedWriter();
        var published = await CliApp.RunAsync(
        [
            "publish", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--json",
            "--title", "Ransomware at port operator", "--summary", "LockBit variant on OT engineering stations",
            "--severity", "critical", "--tlp", "amber", "--to", Node.NodeId, "--category", "malicious-code",
            "--sector", "transport", "--sector", "ics", "--indicator", "ip:203.0.113.7", "--indicator", "cve:CVE-2024-3400",
        ], publishOut, publishErr);
        var watched = await watch.WaitAsync(TimeSpan.FromSeconds(60));

        using var reply = JsonDocument.Parse(publishOut.ToString());
        var noticeId = reply.RootElement.GetProperty("notice_id").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(published, Is.Zero, publishErr.ToString());
            Assert.That(reply.RootElement.GetProperty("sequence").GetString(), Is.EqualTo("1"));
            Assert.That(watched, Is.Zero, watchErr.ToString());
            Assert.That(watchOut.ToString(), Does.Contain("Ransomware at port operator").And.Contain("signature verified").And.Contain(noticeId));
            Assert.That(watchOut.ToString(), Does.Contain("CRITICAL").And.Contain("TLP:AMBER"));
        });
    }

    [Test]
    public async Task WatchJson_OneLinePerAlert_ParsesAsTheAlert()
    {
        var watchOut = new CapturedWriter();
        var watchErr = new CapturedWriter();
        var watch = CliApp.RunAsync(["watch", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--json", "--count", "2", "--timeout", "60s"], watchOut, watchErr);
        await watchErr.WaitForAsync("watching", TimeSpan.FromSeconds(30));

        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("first")));
        await Node.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("second")));
        Assert.That(await watch.WaitAsync(TimeSpan.FromSeconds(60)), Is.Zero, watchErr.ToString());

        var lines = watchOut.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var titles = lines.Select(line =>
        {
            using var alert = JsonDocument.Parse(line);
            return alert.RootElement.GetProperty("notice").GetProperty("title").GetString();
        });
        Assert.That(titles, Is.EquivalentTo(new[] { "first", "second" }));
    }

    [Test]
    public async Task Watch_TimeoutBeforeCount_ExitsThreeSayingHowMany()
    {
        var err = new CapturedWriter();

        var code = await CliApp.RunAsync(["watch", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--count", "1", "--timeout", "1s"], new CapturedWriter(), err);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3));
            Assert.That(err.ToString(), Does.Contain("only 0 of 1 alert(s) arrived within 1s"));
        });
    }

    [Test]
    public async Task Publish_InvalidIndicator_IsOneSentenceFromTheGateway()
    {
        var err = new CapturedWriter();

        var code = await CliApp.RunAsync(
        [
            "publish", "--gateway", Node.Address.ToString(), "--token", Node.Token, "--title", "t", "--summary", "s", "--severity", "low",
            "--tlp", "clear", "--category", "other", "--indicator", "ip:999.1.1.1",
        ], new CapturedWriter(), err);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(err.ToString(), Does.StartWith("incx: indicators[0] '999.1.1.1' is not an IPv4 address"));
            Assert.That(err.ToString().Trim().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Publish_GatewayNotRunning_IsOneSentenceWithoutStackTrace()
    {
        var err = new CapturedWriter();

        var code = await CliApp.RunAsync(
        [
            "publish", "--gateway", "http://127.0.0.1:1", "--title", "t", "--summary", "s", "--severity", "low",
            "--tlp", "clear", "--category", "other",
        ], new CapturedWriter(), err);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(err.ToString(), Does.StartWith("incx: Cannot talk to the gateway at http://127.0.0.1:1"));
            Assert.That(err.ToString(), Does.Not.Contain("   at "));
        });
    }

    [Test]
    public async Task Publish_UnknownSeverityWord_IsRefusedBeforeAnyCall()
    {
        var err = new CapturedWriter();

        var code = await CliApp.RunAsync(
        [
            "publish", "--gateway", "http://127.0.0.1:1", "--title", "t", "--summary", "s", "--severity", "apocalyptic",
            "--tlp", "clear", "--category", "other",
        ], new CapturedWriter(), err);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Zero);
            Assert.That(err.ToString(), Does.Contain("--severity 'apocalyptic' is not one of low|medium|high|critical"));
        });
    }

    [Test]
    public async Task KeysGenerate_WritesPrivateFileOnlyOwnerCanRead()
    {
        var directory = Directory.CreateTempSubdirectory("incx-cli-keys-").FullName;
        try
        {
            var output = new CapturedWriter();

            var code = await CliApp.RunAsync(["keys", "generate", "--node", "ee", "--out", directory, "--json"], output, new CapturedWriter());

            using var json = JsonDocument.Parse(output.ToString());
            var privateFile = json.RootElement.GetProperty("private_key_file").GetString()!;
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.Zero);
                Assert.That(File.GetUnixFileMode(privateFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(json.RootElement.GetProperty("key_id").GetString(), Has.Length.EqualTo(32));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
