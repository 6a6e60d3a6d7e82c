using IncidentExchange.Core.Access;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Gateway.Configuration;

/// <summary>Start-time checks of <c>Incx:Clients</c>, one sentence per problem naming the key.</summary>
internal static class ClientRules
{
    private const string Prefix = NodeOptions.SectionName + ":Clients";

    public static void Check(IReadOnlyDictionary<string, ClientOptions> clients, List<string> errors)
    {
        if (clients.Count == 0)
        {
            errors.Add($"{Prefix} is empty, so nobody could use this gateway; create a client token with 'incx tokens create' and add the settings it prints.");
            return;
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, client) in clients)
        {
            var key = $"{Prefix}:{name}";
            // Client names appear in logs and refusal messages; node-id-like names keep them unambiguous.
            if (!NodeIds.IsValid(name.ToLowerInvariant()))
            {
                errors.Add($"{key}: '{name}' is not a valid client name ({NodeIds.Rule}).");
            }

            if (!ClientTokens.IsHash(client.TokenHash))
            {
                errors.Add($"{key}:TokenHash must be '{ClientTokens.HashPrefix}' and 64 lowercase hex digits, as 'incx tokens create' prints it.");
            }
            else if (!hashes.TryAdd(client.TokenHash, name))
            {
                errors.Add($"{key}:TokenHash is also the token of client '{hashes[client.TokenHash]}'; each client needs its own token.");
            }

            if (!ClientRoleNames.TryParse(client.Roles, out var roles, out var unknown))
            {
                errors.Add($"{key}:Roles: '{unknown}' is not a role ({ClientRoleNames.All}).");
            }
            else if (roles == ClientRoles.None)
            {
                errors.Add($"{key}:Roles must name at least one role ({ClientRoleNames.All}).");
            }
        }
    }
}
