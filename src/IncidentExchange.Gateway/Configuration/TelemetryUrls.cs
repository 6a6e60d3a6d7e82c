namespace IncidentExchange.Gateway.Configuration;

/// <summary>Reads <see cref="TelemetryOptions.PrometheusUrl"/>.</summary>
public static class TelemetryUrls
{
    /// <summary>The port of an <c>http://host:port</c> address, or null if it is not one (a port is required: the endpoint is told apart by it).</summary>
    public static int? PrometheusPort(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsDefaultPort is false && uri.Port > 0 && uri.AbsolutePath == "/"
            ? uri.Port
            : null;
}
