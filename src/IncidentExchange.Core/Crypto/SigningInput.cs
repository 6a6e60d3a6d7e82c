using System.Buffers.Binary;
using System.Text;
using IncidentExchange.Core.Wire;

namespace IncidentExchange.Core.Crypto;

/// <summary>
/// The exact bytes an envelope signature covers (protos/README.md, "Signed bytes"):
/// the ASCII context <c>incx.v1.envelope</c>, then payload type, signer, key id and payload,
/// each as a 4-byte big-endian length followed by its bytes (strings as UTF-8).
/// Binding type, signer and key id stops a valid signature being replayed under another label;
/// the context stops a signature made for another protocol with the same key being accepted here.
/// </summary>
public static class SigningInput
{
    private static readonly byte[] Context = Encoding.ASCII.GetBytes(WireProtocol.SigningContext);

    /// <summary>Builds the signing input.</summary>
    public static byte[] Build(string payloadType, string signer, string keyId, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var signerBytes = Encoding.UTF8.GetBytes(signer);
        var keyIdBytes = Encoding.UTF8.GetBytes(keyId);
        var buffer = new byte[Context.Length + (4 * 4) + type.Length + signerBytes.Length + keyIdBytes.Length + payload.Length];
        var span = buffer.AsSpan();
        Context.CopyTo(span);
        span = span[Context.Length..];
        span = Append(span, type);
        span = Append(span, signerBytes);
        span = Append(span, keyIdBytes);
        Append(span, payload);
        return buffer;
    }

    private static Span<byte> Append(Span<byte> destination, ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)field.Length);
        field.CopyTo(destination[4..]);
        return destination[(4 + field.Length)..];
    }
}
