using System.Diagnostics;
using Google.Protobuf;
using IncidentExchange.Contracts.V1;
using IncidentExchange.Core.Contacts;
using IncidentExchange.Core.Crypto;
using IncidentExchange.Core.Inbound;

namespace IncidentExchange.Benchmarks;

/// <summary>The receive-side check (parse, Ed25519 verify, validate) on one core: envelopes per second.</summary>
internal static class VerifyCeiling
{
    public static double InspectionsPerSecondPerCore(TimeSpan duration)
    {
        using var key = SigningKey.Generate();
        var trust = new ContactDirectory();
        trust.Pin("ee", key.PublicKey);
        var inspector = new EnvelopeInspector(trust, "fr");
        var notice = new IncidentNotice
        {
            NoticeId = Guid.CreateVersion7().ToString("D"), Origin = "ee", Sequence = 1, Revision = 1,
            Status = NoticeStatus.Open, Severity = Severity.Medium, Tlp = Tlp.Green, Category = "malicious-code",
            Title = "ceiling", Summary = "one envelope, inspected again and again",
            IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Audience = new Audience { All = true },
        };
        var body = new EnvelopeSealer("ee", key).Seal(notice).ToByteArray();
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed < duration)
        {
            if (inspector.Inspect(body) is not InspectionResult.Accepted)
            {
                throw new InvalidOperationException("The benchmark envelope was rejected.");
            }

            n++;
        }

        return n / watch.Elapsed.TotalSeconds;
    }
}
