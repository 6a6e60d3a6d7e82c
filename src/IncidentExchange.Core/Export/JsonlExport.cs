using Google.Protobuf;
using IncidentExchange.Contracts.V1;

namespace IncidentExchange.Core.Export;

/// <summary>
/// The lossless export: one replay item per line in the protobuf JSON mapping (field names as in history.proto), with
/// the signed envelope itself (base64), so any tool can verify every line again and nothing of the original is lost.
/// </summary>
public static class JsonlExport
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>One line (no line break) for <paramref name="item"/>.</summary>
    public static string Format(ReplayItem item) => Formatter.Format(item);

    /// <summary>Reads a line written by <see cref="Format"/> back (unknown fields from newer versions are ignored).</summary>
    public static ReplayItem Parse(string line) => Parser.Parse<ReplayItem>(line);
}
