using System.Text.Json;
using IncidentExchange.Cli;
using IncidentExchange.IntegrationTests.Support;

namespace IncidentExchange.IntegrationTests.Access;

/// <summary>
/// <c>incx tokens create</c> as an operator uses it: the settings it prints let a gateway accept the token,
/// the token file it writes is what <c>--token-file</c> reads, and refusals reach the user as one sentence.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class TokenCliTests
{
    [Test]
    public async Task TokensCreate_SettingsConfigureAGateway_TokenFileAuthenticates()
    {
        var folder = Directory.CreateTempSubdirectory("incx-token-").FullName;
        try
        {
            await using var node = TestNode.Create(BrokerSetUp.Broker);
            var tokenFile = Path.Combine(folder, "desk.token");
            var (created, createdOut, _) = await RunAsync("tokens", "create", "--node", node.NodeId, "--client", "duty-desk", "--role", "contact-point", "--role", "operator", "--out", tokenFile, "--json");
            using (var json = JsonDocument.Parse(createdOut))
            {
                foreach (var setting in json.RootElement.GetProperty("settings").EnumerateArray().Select(s => s.GetString()!))
                {
                    var split = setting.IndexOf('=', StringComparison.Ordinal);
                    node.Settings[setting[..split]] = setting[(split + 1)..];
                }
            }

            await node.StartAsync();
            var gateway = node.Address.ToString();

            var (listed, _, listedError) = await RunAsync("subscriptions", "list", "--gateway", gateway, "--token-file", tokenFile);
            var (refused, _, refusedError) = await RunAsync("publish", "--gateway", gateway, "--token-file", tokenFile,
                "--title", "t", "--summary", "s", "--severity", "low", "--tlp", "clear", "--category", "other");

            Assert.Multiple(() =>
            {
                Assert.That(created, Is.Zero);
                Assert.That(File.GetUnixFileMode(tokenFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(listed, Is.Zero, listedError);
                Assert.That(refused, Is.EqualTo(1));
                Assert.That(refusedError.Trim(), Is.EqualTo("incx: Client 'duty-desk' (contact-point, operator) may not call IncidentGateway/Publish: it needs the publisher role. (PermissionDenied)"));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Cli_NoToken_SaysHowToGiveOne()
    {
        await using var node = await TestNode.StartAsync(BrokerSetUp.Broker);

        var (code, _, error) = await RunAsync("nodes", "--gateway", node.Address.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error, Does.Contain("This gateway needs a client token: pass --token, INCX_TOKEN or INCX_TOKEN_FILE").And.Contain("(Unauthenticated)"));
        });
    }

    [Test]
    public async Task Cli_TokenFileReadableByOthers_Refused()
    {
        var folder = Directory.CreateTempSubdirectory("incx-token-").FullName;
        try
        {
            var tokenFile = Path.Combine(folder, "open.token");
            await File.WriteAllTextAsync(tokenFile, "incx.ee.whatever");
            File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

            var (code, _, error) = await RunAsync("nodes", "--gateway", "http://127.0.0.1:1", "--token-file", tokenFile);

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(1));
                Assert.That(error.Trim(), Is.EqualTo($"incx: Token file {tokenFile} is accessible by group or others; run 'chmod 600 {tokenFile}'."));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task TokensCreate_BadRoleOrExistingFile_RefusedWithoutWriting()
    {
        var folder = Directory.CreateTempSubdirectory("incx-token-").FullName;
        try
        {
            var tokenFile = Path.Combine(folder, "t.token");
            var (badRole, _, badRoleError) = await RunAsync("tokens", "create", "--node", "ee", "--client", "desk", "--role", "admin", "--out", tokenFile);
            var fileAfterBadRole = File.Exists(tokenFile);
            await File.WriteAllTextAsync(tokenFile, "keep me");
            var (exists, _, existsError) = await RunAsync("tokens", "create", "--node", "ee", "--client", "desk", "--role", "operator", "--out", tokenFile);

            Assert.Multiple(() =>
            {
                Assert.That(badRole, Is.EqualTo(1));
                Assert.That(badRoleError.Trim(), Is.EqualTo("incx: 'admin' is not a role (publisher, contact-point, operator)."));
                Assert.That(fileAfterBadRole, Is.False);
                Assert.That(exists, Is.EqualTo(1));
                Assert.That(existsError, Does.StartWith($"incx: Refusing to overwrite the existing file {tokenFile}"));
                Assert.That(File.ReadAllText(tokenFile), Is.EqualTo("keep me"));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new CapturedWriter();
        var error = new CapturedWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
