using System.Text.Encodings.Web;
using System.Text.Json;

namespace TaxiiConnector.Server.Storage;

/// <summary>How the server serialises objects into a page, for stores that serialise them ahead of time.</summary>
public static class TaxiiObjectJson
{
    /// <summary>
    /// STIX patterns are full of quotes; the default encoder would send every <c>'</c> as <c>\u0027</c>. A TAXII body is
    /// an API body, never HTML, so the relaxed encoder is safe.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
