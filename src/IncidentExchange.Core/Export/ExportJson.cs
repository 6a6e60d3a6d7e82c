using System.Text.Encodings.Web;

namespace IncidentExchange.Core.Export;

/// <summary>How the exports escape JSON strings.</summary>
internal static class ExportJson
{
    /// <summary>
    /// Only what JSON requires (quotes, backslashes, control characters): the files are read by analysts and imported by
    /// tools, never embedded in HTML, so an apostrophe in a STIX pattern stays an apostrophe.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
