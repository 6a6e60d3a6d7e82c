namespace IncidentExchange.Messaging.Federation;

/// <summary>AMQP URIs as RabbitMQ's own (Erlang) client reads them, for federation upstreams.</summary>
public static class AmqpUris
{
    /// <summary>
    /// <paramref name="uri"/> in the form RabbitMQ's Erlang client expects. There a path of "/" names
    /// the empty vhost (refused as not_allowed), while .NET's <see cref="Uri"/> always has one; without
    /// a path the default vhost "/" is meant. So the path is dropped when it is "/", and any query
    /// (TLS options such as verify=verify_peer) is kept.
    /// </summary>
    public static string ForErlangClient(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var authority = uri.GetComponents(UriComponents.Scheme | UriComponents.UserInfo | UriComponents.Host | UriComponents.Port, UriFormat.UriEscaped);
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        var query = uri.GetComponents(UriComponents.Query | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return authority + (path is "" or "/" ? "" : path) + query;
    }

    /// <summary>True for an absolute <c>amqp://</c> or <c>amqps://</c> URI.</summary>
    public static bool IsAmqp(Uri? uri) => uri is { IsAbsoluteUri: true, Scheme: "amqp" or "amqps" };

    /// <summary>The vhost <paramref name="uri"/> names, as RabbitMQ.Client reads it ("/" when there is no path).</summary>
    public static string VirtualHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath;
        return path is "" or "/" ? "/" : Uri.UnescapeDataString(path[1..]);
    }
}
