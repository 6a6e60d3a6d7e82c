using Google.Protobuf;

namespace IncidentExchange.Cli.Common;

/// <summary>Writes protobuf messages as one JSON object per line, with the field names of the .proto files.</summary>
internal static class JsonLines
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    public static void Write(TextWriter output, IMessage message) => output.WriteLine(Formatter.Format(message));
}
