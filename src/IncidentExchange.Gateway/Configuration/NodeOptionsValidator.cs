using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Wire;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>Checks <see cref="NodeOptions"/> at start, with one sentence per problem that names the key.</summary>
public sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    private const string Prefix = NodeOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!NodeIds.IsValid(options.NodeId))
        {
            errors.Add($"{Prefix}NodeId '{options.NodeId}' is not a valid node id ({NodeIds.Rule}).");
        }

        CheckKeyFile(options, errors);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{Prefix}DataDirectory must name a folder for the node's state.");
        }

        if (options.DeduplicationWindow < 1_000)
        {
            errors.Add($"{Prefix}DeduplicationWindow must be at least 1000.");
        }

        if (options.SubscriberBuffer < 1)
        {
            errors.Add($"{Prefix}SubscriberBuffer must be at least 1.");
        }

        for (var i = 0; i < options.TrustedKeys.Count; i++)
        {
            CheckTrustedKey($"{Prefix}TrustedKeys:{i}", options.TrustedKeys[i], errors);
        }

        PeerRules.Check(options, errors);
        ClientRules.Check(options.Clients, errors);
        CheckTelemetry(options.Telemetry, errors);
        CheckDirectory(options.Directory, errors);
        if (options.Subscriptions.Expiry < TimeSpan.FromSeconds(1) || options.Subscriptions.Expiry > TimeSpan.FromDays(365))
        {
            errors.Add($"{Prefix}Subscriptions:Expiry must be between 00:00:01 and 365.00:00:00.");
        }

        if (options.Alerts.AcknowledgeDeadline < TimeSpan.FromSeconds(1) || options.Alerts.AcknowledgeDeadline > AlertOptions.MaxAcknowledgeDeadline)
        {
            errors.Add($"{Prefix}Alerts:AcknowledgeDeadline must be between 00:00:01 and 7.00:00:00.");
        }

        if (options.Subscriptions.MaxPending < 1)
        {
            errors.Add($"{Prefix}Subscriptions:MaxPending must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTelemetry(TelemetryOptions telemetry, List<string> errors)
    {
        if (telemetry.PrometheusUrl.Length > 0 && TelemetryUrls.PrometheusPort(telemetry.PrometheusUrl) is null)
        {
            errors.Add($"{Prefix}Telemetry:PrometheusUrl '{telemetry.PrometheusUrl}' must be an http:// address with a port, such as http://127.0.0.1:9101.");
        }

        if (telemetry.OtlpEndpoint.Length > 0 && !Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out _))
        {
            errors.Add($"{Prefix}Telemetry:OtlpEndpoint '{telemetry.OtlpEndpoint}' must be an absolute URL such as http://127.0.0.1:4317.");
        }

        if (telemetry.SampleInterval < TimeSpan.FromSeconds(1) || telemetry.SampleInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{Prefix}Telemetry:SampleInterval must be between 00:00:01 and 00:10:00.");
        }
    }

    private static void CheckDirectory(DirectoryOptions directory, List<string> errors)
    {
        if (directory.AnnounceInterval < TimeSpan.FromSeconds(10) || directory.AnnounceInterval > DirectoryOptions.MaxAnnounceInterval)
        {
            errors.Add($"{Prefix}Directory:AnnounceInterval must be between 00:00:10 and 1.00:00:00.");
        }

        if (directory.RotationOverlap <= TimeSpan.Zero || directory.RotationOverlap > DirectoryOptions.MaxRotationOverlap)
        {
            errors.Add($"{Prefix}Directory:RotationOverlap must be positive and at most 365.00:00:00.");
        }
    }

    private static void CheckKeyFile(NodeOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.KeyFile))
        {
            errors.Add($"{Prefix}KeyFile must name this node's private key file (create one with 'incx keys generate').");
            return;
        }

        try
        {
            var (node, key) = KeyFiles.ReadPrivate(options.KeyFile);
            key.Dispose();
            if (node != options.NodeId)
            {
                errors.Add($"{Prefix}KeyFile {options.KeyFile} belongs to node '{node}', not to '{options.NodeId}'.");
            }
        }
        catch (KeyFileException ex)
        {
            errors.Add($"{Prefix}KeyFile: {ex.Message}");
        }
    }

    private static void CheckTrustedKey(string path, TrustedKeyOptions key, List<string> errors)
    {
        if (!NodeIds.IsValid(key.Node))
        {
            errors.Add($"{path}:Node '{key.Node}' is not a valid node id ({NodeIds.Rule}).");
        }

        if ((key.PublicKey is null) == (key.PublicKeyFile is null))
        {
            errors.Add($"{path} must set exactly one of PublicKey and PublicKeyFile.");
            return;
        }

        try
        {
            TrustedKeyLoader.Load(key);
        }
        catch (Exception ex) when (ex is KeyFileException or FormatException or ArgumentException or IOException)
        {
            errors.Add($"{path}: {ex.Message}");
        }
    }
}
