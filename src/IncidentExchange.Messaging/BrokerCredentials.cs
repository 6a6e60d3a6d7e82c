namespace IncidentExchange.Messaging;

/// <summary>User name and password carried in an AMQP URI (RabbitMQ's default guest/guest when absent).</summary>
public static class BrokerCredentials
{
    /// <summary>The decoded user and password of <paramref name="uri"/>.</summary>
    public static (string User, string Password) From(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return ("guest", "guest");
        }

        var parts = uri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
