using IncidentExchange.Gateway.Hosting;
using Microsoft.Extensions.Options;

var app = GatewayApplication.Build(args);
try
{
    // Checked before the host starts, so a bad setting is one sentence per key, not a logged stack trace.
    GatewayApplication.ValidateOptions(app.Services);
}
catch (OptionsValidationException ex)
{
    await Console.Error.WriteLineAsync("incx-gateway: the configuration is invalid: " + string.Join(" ", ex.Failures));
    return 2;
}

await app.RunAsync();
return 0;
