namespace IncidentExchange.Core.Access;

/// <summary>What a gateway client may do; a client holds one or more roles.</summary>
[Flags]
public enum ClientRoles
{
    /// <summary>No role: may call only the anonymous services (health, reflection).</summary>
    None = 0,

    /// <summary>A national CERT's tools and analysts: publish notices and the node's points-of-contact record.</summary>
    Publisher = 1,

    /// <summary>A crisis-management contact point: subscribe to alerts and acknowledge them.</summary>
    ContactPoint = 2,

    /// <summary>The node's operators: delivery status, checks, replay, export, keys, subscriptions.</summary>
    Operator = 4,
}

/// <summary>The names roles have in configuration and messages: <c>publisher</c>, <c>contact-point</c>, <c>operator</c>.</summary>
public static class ClientRoleNames
{
    private static readonly (string Name, ClientRoles Role)[] Names =
    [
        ("publisher", ClientRoles.Publisher),
        ("contact-point", ClientRoles.ContactPoint),
        ("operator", ClientRoles.Operator),
    ];

    /// <summary>Every role name, for messages.</summary>
    public static string All => string.Join(", ", Names.Select(n => n.Name));

    /// <summary>
    /// Parses a comma-separated list such as <c>publisher,operator</c>; false (with the unknown word in
    /// <paramref name="unknown"/>) if a name is not a role. Empty entries are ignored.
    /// </summary>
    public static bool TryParse(string? text, out ClientRoles roles, out string? unknown)
    {
        roles = ClientRoles.None;
        unknown = null;
        foreach (var word in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.FindIndex(Names, n => n.Name == word);
            if (match < 0)
            {
                unknown = word;
                return false;
            }

            roles |= Names[match].Role;
        }

        return true;
    }

    /// <summary>The roles as names joined with <c>, </c> (or "no role").</summary>
    public static string Format(ClientRoles roles)
    {
        var names = Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name).ToArray();
        return names.Length == 0 ? "no role" : string.Join(", ", names);
    }

    /// <summary>Joins the roles as alternatives: "operator", "publisher or operator".</summary>
    public static string Alternatives(ClientRoles roles) =>
        string.Join(" or ", Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name));
}
