using Google.Protobuf.WellKnownTypes;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;

namespace IncidentExchange.Cli.Common;

/// <summary>Whether a node key's signatures are valid at a given time, in one word.</summary>
internal static class KeyStatus
{
    public const string Valid = "valid";

    public const string NotYetValid = "not-yet-valid";

    public const string Expired = "expired";

    public const string Revoked = "revoked";

    /// <summary>The key's state at <paramref name="now"/>, by the same rule receivers apply (KeyWindows in Core).</summary>
    public static string Of(NodeKey key, DateTimeOffset now) => KeyWindows.At(key, Timestamp.FromDateTimeOffset(now)) switch
    {
        KeyValidity.Revoked => Revoked,
        KeyValidity.Expired => Expired,
        KeyValidity.NotYetValid => NotYetValid,
        _ => Valid,
    };

    /// <summary>How many of <paramref name="keys"/> are <see cref="Valid"/> at <paramref name="now"/>.</summary>
    public static int CountValid(IEnumerable<NodeKey> keys, DateTimeOffset now) => keys.Count(k => Of(k, now) == Valid);
}
