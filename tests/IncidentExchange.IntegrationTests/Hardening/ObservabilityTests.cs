using System.Diagnostics;
using System.Net;
using IncidentExchange.Gateway.Observability;
using IncidentExchange.IntegrationTests.Support;
using IncidentExchange.Testing;

namespace IncidentExchange.IntegrationTests.Hardening;

/// <summary>
/// What an operator's Prometheus and tracing see of two federated nodes: published, delivered, quarantined by
/// reason, link state, receipt latency, subscription backlog, MassTransit's own metrics, and a span per envelope.
/// fr runs as its own process, as in production: MassTransit keeps its instruments in statics, tied to the first
/// host of a process, so only a gateway alone in its process shows them (ee's spans are read in this process).
/// </summary>
public class ObservabilityTests
{
    private readonly Dictionary<string, int> _metricsPorts = [];
    private readonly List<Activity> _spans = [];
    private ActivityListener _listener = null!;
    private LocalFederation _federation = null!;

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_spans)
                {
                    _spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _federation = await LocalFederation.StartAsync(["ee", "fr"], configure: (id, settings) =>
        {
            _metricsPorts[id] = PortAllocator.Allocate(1)[0];
            settings["Incx:Telemetry:PrometheusUrl"] = $"http://127.0.0.1:{_metricsPorts[id]}";
            settings["Incx:Telemetry:SampleInterval"] = "00:00:01";
        }, ownProcess: ["fr"]);
    }

    [OneTimeTearDown]
    public async Task StopFederation()
    {
        await _federation.DisposeAsync();
        _listener.Dispose();
    }

    [Test]
    public async Task Scrape_AfterTraffic_ShowsWhatAnOperatorNeeds()
    {
        var ee = _federation["ee"];
        var fr = _federation["fr"];
        await using (var desk = await DurableWatcher.StartAsync(() => fr.Client, "desk"))
        {
            // Nothing acknowledges here: the notice stays in fr's subscription, its backlog.
        }

        await using var live = await AlertCollector.StartAsync(fr.Client);
        var published = await ee.Client.PublishAsync(Drafts.Request(Drafts.Broadcast("observed")));
        await live.WaitForNoticeAsync(published.NoticeId);
        foreach (var node in new[] { "fr", "ee" })
        {
            var garbageId = Guid.NewGuid().ToString();
            await RawAmqp.PublishAsync(_federation.BrokerOf(node).AmqpUri, $"notice.{node}", new byte[] { 0xFF, 0x01 }, messageId: garbageId);
            await Quarantine.WaitForAsync(_federation.BrokerOf(node).AmqpUri, node, garbageId);
        }

        var atEe = await ScrapeUntilAsync("ee", text => text.Contains("incx_receipts_latency_seconds_count{", StringComparison.Ordinal));
        // The broker's management API refreshes queue lengths every few seconds.
        var atFr = await ScrapeUntilAsync("fr", text => text.Contains("incx_envelopes_quarantined_total{", StringComparison.Ordinal) && Value(text, "incx_subscriptions_backlog", "subscription=\"desk\"") >= 1);

        Assert.Multiple(() =>
        {
            Assert.That(Value(atEe, "incx_notices_published_total"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(atEe, "incx_receipts_latency_seconds_count", "kind=\"delivered\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(atFr, "incx_notices_accepted_total"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(atFr, "incx_envelopes_quarantined_total", "reason=\"malformed-envelope\""), Is.EqualTo(1));
            Assert.That(Value(atFr, "incx_federation_link_up", "peer=\"ee\""), Is.EqualTo(1));
            Assert.That(Value(atFr, "incx_subscriptions_backlog", "subscription=\"desk\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(atFr, Does.Contain("messaging_masstransit_"), "MassTransit's own instrumentation");
            Assert.That(Spans("incx.receive").Any(s => s.GetTagItem("incx.reason") as string == "malformed-envelope" && s.Status == ActivityStatusCode.Error));
            Assert.That(Spans("incx.receive").Any(s => s.GetTagItem("incx.outcome") as string == "accepted" && s.GetTagItem("incx.signer") as string == "fr"), "fr's receipt, verified at ee");
            Assert.That(Spans("incx.publish"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task MetricsEndpoint_IsNotServedOnTheGrpcPort_WhateverTheHostHeaderSays()
    {
        var ee = _federation["ee"];
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var plain = new HttpRequestMessage(HttpMethod.Get, new Uri(ee.Address, "/metrics"));
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(ee.Address, "/metrics"));
        spoofed.Headers.Host = $"127.0.0.1:{_metricsPorts["ee"]}";

        using var plainResponse = await http.SendAsync(plain);
        using var spoofedResponse = await http.SendAsync(spoofed);
        var plainBody = await plainResponse.Content.ReadAsStringAsync();
        var spoofedBody = await spoofedResponse.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(plainResponse.IsSuccessStatusCode, Is.False, plainBody);
            Assert.That(spoofedResponse.IsSuccessStatusCode, Is.False, "a Host header naming the metrics port: " + spoofedBody);
            Assert.That(plainBody + spoofedBody, Does.Not.Contain("incx_"));
        });
    }

    private List<Activity> Spans(string name)
    {
        lock (_spans)
        {
            return _spans.Where(s => s.OperationName == name).ToList();
        }
    }

    // The gauges and counters are read at scrape time; the sampler and the receipts may need a moment.
    private async Task<string> ScrapeUntilAsync(string node, Func<string, bool> ready)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPorts[node]}/metrics"));
            if (ready(text))
            {
                return text;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return text;
    }

    // The value of the first sample of a metric whose labels contain label (Prometheus text format).
    private static double Value(string scrape, string metric, string label = "")
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(metric, StringComparison.Ordinal) && (l.Length == metric.Length || l[metric.Length] is ' ' or '{') && l.Contains(label, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ')[^1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
