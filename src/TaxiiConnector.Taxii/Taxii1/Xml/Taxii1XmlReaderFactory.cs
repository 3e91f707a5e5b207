using System.Xml;

namespace TaxiiConnector.Taxii.Taxii1.Xml;

/// <summary>
/// The only way this project reads TAXII 1.1 / STIX 1 XML: no DTD (so no external entity can read a file or the
/// network, and no entity expansion can grow memory), no resolver, streaming.
/// </summary>
internal static class Taxii1XmlReaderFactory
{
    public static XmlReaderSettings CreateSettings(long maxCharactersInDocument, bool async) => new()
    {
        Async = async,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxCharactersInDocument,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    public static XmlReader Create(Stream stream, long maxCharactersInDocument, bool async) =>
        XmlReader.Create(stream, CreateSettings(maxCharactersInDocument, async));

    public static XmlReader Create(TextReader reader, long maxCharactersInDocument) =>
        XmlReader.Create(reader, CreateSettings(maxCharactersInDocument, async: false));
}
