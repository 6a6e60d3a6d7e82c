using IncidentExchange.Core.Access;

namespace IncidentExchange.Gateway.Access;

/// <summary>An authenticated caller: its configured name and roles.</summary>
public sealed record GatewayClient(string Name, ClientRoles Roles);
