using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncidentExchange.Cli.Common;

/// <summary>
/// Trusts the gateway's certificate only if it chains to one given certificate authority (a CERT's own PKI, or
/// the local one of <c>deploy/local</c>) and names the host; the system's trust store plays no part then.
/// </summary>
internal static class PrivateCa
{
    /// <summary>An HTTP handler for gRPC that validates the server certificate against the CA in <paramref name="caFile"/>.</summary>
    public static SocketsHttpHandler Handler(string caFile)
    {
        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CliException($"Cannot read the CA certificate {caFile}: {ex.Message.TrimEnd('.')}.");
        }

        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, presented, errors) => Trusted(ca, certificate, presented, errors),
            },
        };
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        // The name must match whatever the chain; an untrusted root is what the custom chain below decides.
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // A certificate for servers (not one only for clients), possibly issued by an intermediate the server sent.
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }
}
