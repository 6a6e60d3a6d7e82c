namespace IncidentExchange.Gateway.Configuration;

/// <summary>
/// One client of the gateway, under <c>Incx:Clients:&lt;name&gt;</c> (the name says who it is, e.g.
/// <c>duty-desk</c>). <c>incx tokens create</c> makes the token and prints these settings.
/// </summary>
public sealed class ClientOptions
{
    /// <summary><c>sha256:</c> and the hex SHA-256 of the client's token; the token itself is never stored here.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Comma-separated roles: <c>publisher</c>, <c>contact-point</c>, <c>operator</c>.</summary>
    public string Roles { get; set; } = "";
}
