using IncidentExchange.Cli;

namespace IncidentExchange.IntegrationTests.Support;

/// <summary>Runs the incx CLI in-process against one test gateway, capturing what it prints.</summary>
public static class CliRun
{
    /// <summary>Runs <c>incx args --gateway &lt;node&gt; --token &lt;its admin token&gt;</c>; returns the exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Output, string Error)> AtAsync(TestNode node, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(node);
        var output = new CapturedWriter();
        var error = new CapturedWriter();
        var code = await CliApp.RunAsync([.. args, "--gateway", node.Address.ToString(), "--token", node.Token], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
