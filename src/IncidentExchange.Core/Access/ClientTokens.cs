using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Access;

/// <summary>
/// Client tokens of a gateway: <c>incx.&lt;node&gt;.&lt;secret&gt;</c>, the secret being 32 random bytes in
/// base64url. The node id inside makes a token from one node recognisably worthless at another, and a
/// gateway stores only <see cref="Hash"/> of each token it accepts, never the token itself.
/// </summary>
public static class ClientTokens
{
    /// <summary>Prefix of every token and of every stored hash.</summary>
    public const string TokenPrefix = "incx.";

    /// <summary>Prefix of a stored token hash.</summary>
    public const string HashPrefix = "sha256:";

    private const int SecretBytes = 32;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>A new token for a client of node <paramref name="nodeId"/>.</summary>
    public static string Create(string nodeId)
    {
        NodeIds.Require(nodeId);
        return TokenPrefix + nodeId + "." + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
    }

    /// <summary>
    /// The form a gateway stores: <c>sha256:</c> and the lowercase hex SHA-256 of the token's UTF-8 bytes.
    /// A plain hash suffices (no slow key derivation): the secret is 256 random bits, not a password.
    /// </summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>True if <paramref name="value"/> has the form of a stored hash (<c>sha256:</c> and 64 lowercase hex digits).</summary>
    public static bool IsHash(string? value) =>
        value is not null
        && value.Length == HashPrefix.Length + 64
        && value.StartsWith(HashPrefix, StringComparison.Ordinal)
        && value.AsSpan(HashPrefix.Length).IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>
    /// The node a token was issued for, or null if <paramref name="token"/> does not have the form of a token.
    /// </summary>
    public static string? NodeOf(string? token)
    {
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = token.AsSpan(TokenPrefix.Length);
        var dot = rest.IndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        var node = rest[..dot].ToString();
        var secret = rest[(dot + 1)..];
        return NodeIds.IsValid(node) && secret.Length == Base64Url.GetEncodedLength(SecretBytes) && Base64Url.IsValid(secret) ? node : null;
    }
}
