using System.Security.Cryptography;
using System.Text;

namespace IncidentExchange.Core.Export;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same notice always exports to the same STIX and MISP identifiers,
/// so importing an export twice updates objects instead of duplicating them.
/// </summary>
public static class Uuid5
{
    /// <summary>The namespace of every identifier incx derives.</summary>
    public static readonly Guid IncxNamespace = new("5f0c6a3e-6d3b-4c1e-9a57-1b2f0e6c9d41");

    /// <summary>The version 5 UUID of <paramref name="name"/> in <paramref name="space"/>.</summary>
    public static Guid Create(Guid space, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        space.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 defines for version 5; it names, it does not protect.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The version 5 UUID of <paramref name="name"/> in the incx namespace, lowercase canonical text.</summary>
    public static string Of(string name) => Create(IncxNamespace, name).ToString("D");
}
