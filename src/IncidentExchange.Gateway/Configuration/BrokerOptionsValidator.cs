using IncidentExchange.Messaging;
using IncidentExchange.Messaging.Federation;
using Microsoft.Extensions.Options;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>Checks <see cref="BrokerOptions"/> at start, with one sentence per problem that names the key.</summary>
public sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    private const string Prefix = BrokerOptions.SectionName + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!AmqpUris.IsAmqp(options.Uri))
        {
            // The URI may carry a password: name the scheme, never echo the whole value.
            errors.Add($"{Prefix}Uri must be an absolute amqp:// or amqps:// URI (its scheme is '{options.Uri?.Scheme}').");
        }

        else if (AmqpUris.VirtualHost(options.Uri) != "/")
        {
            errors.Add($"{Prefix}Uri names the vhost '{AmqpUris.VirtualHost(options.Uri)}'; incx uses the default vhost '/', where it applies its federation setup.");
        }

        if (options.ManagementUri is null || !options.ManagementUri.IsAbsoluteUri || (options.ManagementUri.Scheme != Uri.UriSchemeHttp && options.ManagementUri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Prefix}ManagementUri must be the absolute http(s) address of the broker's management API, e.g. http://127.0.0.1:15672/.");
        }

        if (options.FederationMessageTtl < TimeSpan.FromMinutes(1) || options.FederationQueueExpiry < options.FederationMessageTtl)
        {
            errors.Add($"{Prefix}FederationMessageTtl must be at least 1 minute, and FederationQueueExpiry at least as long.");
        }

        if (options.FederationMaxQueued < 1)
        {
            errors.Add($"{Prefix}FederationMaxQueued must be at least 1.");
        }

        if (options.ConfirmTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}ConfirmTimeout must be positive.");
        }

        if (options.PublishRetries is < 0 or > 10)
        {
            errors.Add($"{Prefix}PublishRetries must be between 0 and 10.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Prefix}BreakDuration must be at least 0.5 seconds.");
        }

        if (options.PrefetchCount is < 1 or > 10_000)
        {
            errors.Add($"{Prefix}PrefetchCount must be between 1 and 10000.");
        }

        if (options.HistoryMaxAge < TimeSpan.FromMinutes(1) || options.HistoryMaxBytes < 1024 * 1024)
        {
            errors.Add($"{Prefix}HistoryMaxAge must be at least 1 minute and HistoryMaxBytes at least 1048576.");
        }

        if (options.QuarantineMaxLength < 1)
        {
            errors.Add($"{Prefix}QuarantineMaxLength must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
